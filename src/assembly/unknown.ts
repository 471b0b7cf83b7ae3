import { error } from '../errors/diagnostic.js';
import type { DiagnosticCode } from '../errors/diagnostic-codes.js';
import type { XmlElement } from '../model/element.js';
import { classifyNamespace } from '../model/namespaces.js';
import type { BuildState } from './state.js';
import { closest } from '../errors/suggest.js';
import { lackedMessage, lackedMuleModule } from './mule-elements.js';

/**
 * Explains an element that cannot stand where it is: a known element in the wrong place, a Mule
 * element flowrt does not implement yet (naming its module, so a porting user gets a clear
 * inventory), a likely typo, or something unknown.
 */
export function reportMisplaced(el: XmlElement, position: 'processor' | 'global', state: BuildState): void {
  const { registry } = state;
  const say = (code: DiagnosticCode, message: string, hint?: string): void => {
    state.diagnostics.push(error(code, message, el.loc, hint));
  };
  if (registry.sources.has(el.key)) return say('misplaced-element', `<${el.key}> is a message source: it must be the first element of a flow`);
  if (position === 'processor' && (registry.globals.has(el.key) || el.key === 'flow' || el.key === 'sub-flow')) {
    return say('misplaced-element', `<${el.key}> is a global element: declare it directly under <mule>`);
  }
  if (position === 'global' && registry.steps.has(el.key)) {
    return say('misplaced-element', `<${el.key}> is a processor: it belongs inside a flow or sub-flow`);
  }
  const known = [...registry.steps.keys(), ...registry.sources.keys(), ...registry.globals.keys(), 'flow', 'sub-flow', 'error-handler'];
  const sameNamespace = known.filter((k) => (el.ns === 'core' ? !k.includes(':') : k.startsWith(`${el.ns}:`)));
  const typo = closest(el.key, sameNamespace);
  const lacked = lackedMuleModule(el);
  if (lacked) return say('unsupported-element', lackedMessage(el.key, lacked));
  if (typo && typo !== el.key) return say('unknown-element', `unknown element <${el.key}>; did you mean <${typo}>?`);
  const kind = el.nsUri ? classifyNamespace(el.nsUri) : { kind: 'known' as const, prefix: 'core' };
  // An unknown name in a Mule namespace that is no typo is most likely a Mule element we lack.
  if (kind.kind === 'mule-module' || (kind.kind === 'known' && el.ns !== 'core')) {
    const module = kind.kind === 'mule-module' ? kind.module : el.ns;
    return say('unsupported-element', `<${el.key}> belongs to Mule's ${module} module, which flowrt does not support yet`);
  }
  if (kind.kind === 'foreign') return say('unknown-element', `unknown element <${el.local}> in namespace ${el.nsUri}`);
  say('unknown-element', `unknown element <${el.key}>${el.ns === 'core' ? '' : ` in Mule's ${el.ns} module`}`);
}
