import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { XmlElement, XmlFile } from '../model/element.js';
import { formatLocation } from '../model/location.js';
import { classifyNamespace } from '../model/namespaces.js';
import { didYouMean } from '../errors/suggest.js';

/** Top-level elements that are not named: settings and directives rather than things to reference. */
const UNNAMED_GLOBALS = new Set(['configuration', 'configuration-properties', 'global-property', 'import', 'api-gateway:autodiscovery']);

/** The app's files joined into one namespace of global names, with references checked. */
export interface AppGraph {
  readonly files: readonly XmlFile[];
  /** Every named top-level element (flows, sub-flows, configs, error handlers), by name. */
  readonly globals: ReadonlyMap<string, XmlElement>;
  /** Flows and sub-flows in document order. */
  readonly flows: readonly XmlElement[];
  /** Top-level elements without a name, in document order. */
  readonly directives: readonly XmlElement[];
  /** Error types that `raise-error`s in the app declare, with where. */
  readonly raisedTypes: ReadonlyArray<{ type: string; at: XmlElement }>;
}

/**
 * Joins parsed files: one namespace of global names across files (a duplicate is an error at
 * both places), static `flow-ref` and `config-ref` targets must exist, and sub-flows may not
 * call themselves (Mule inlines them, so that could never end). Pure.
 */
export function buildGraph(files: readonly XmlFile[]): { graph: AppGraph; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const globals = new Map<string, XmlElement>();
  const flows: XmlElement[] = [];
  const directives: XmlElement[] = [];
  const raisedTypes: Array<{ type: string; at: XmlElement }> = [];

  for (const file of files) {
    if (file.root.key !== 'mule') {
      const written = file.root.ns === file.root.nsUri ? `<${file.root.local}> in namespace ${file.root.nsUri}` : `<${file.root.key}>`;
      diagnostics.push(
        error(
          'bad-root',
          `the root element must be <mule> in Mule's core namespace, not ${written}`,
          file.root.loc,
          'start the file with <mule xmlns="http://www.mulesoft.org/schema/mule/core">',
        ),
      );
      continue;
    }
    for (const el of file.root.children) {
      const name = el.attrs.get('name')?.value;
      if (el.key === 'flow' || el.key === 'sub-flow') flows.push(el);
      if (name === undefined || UNNAMED_GLOBALS.has(el.key)) {
        directives.push(el);
        continue;
      }
      const previous = globals.get(name);
      if (previous) {
        diagnostics.push(
          error(
            'duplicate-name',
            `duplicate global name "${name}": <${el.key}> here and <${previous.key}> at ${formatLocation(previous.loc)}`,
            el.attrs.get('name')!.loc,
            'every flow, sub-flow, config and error handler in an app needs its own name, across all files',
          ),
        );
      } else globals.set(name, el);
    }
  }

  for (const file of files)
    walk(file.root, (el) => {
      // raise-error and an operation's error-mapping are what declare custom types.
      const raised = el.key === 'raise-error' ? el.attrs.get('type')?.value : el.key === 'error-mapping' ? el.attrs.get('targetType')?.value : undefined;
      if (raised) raisedTypes.push({ type: raised, at: el });
      // Elements of modules flowrt lacks are reported as unsupported; their references would only add noise.
      if (classifyNamespace(el.nsUri).kind === 'known' || el.nsUri === '') checkReference(el, 'config-ref', globals, diagnostics);
      // Object Store operations name their store as others name their config.
      if (el.ns === 'os') checkReference(el, 'objectStore', globals, diagnostics);
      if (el.key === 'flow-ref') checkFlowRef(el, globals, diagnostics);
    });
  diagnostics.push(...subFlowCycles(flows, globals));
  return { graph: { files, globals, flows, directives, raisedTypes }, diagnostics };
}

function walk(el: XmlElement, visit: (el: XmlElement) => void): void {
  visit(el);
  for (const child of el.children) walk(child, visit);
}

function checkReference(el: XmlElement, attr: string, globals: ReadonlyMap<string, XmlElement>, out: Diagnostic[]): void {
  const ref = el.attrs.get(attr);
  if (!ref || ref.value.startsWith('#[') || globals.has(ref.value)) return;
  out.push(error('dangling-ref', `${attr}="${ref.value}" on <${el.key}> names no global element${suggestName(ref.value, globals)}`, ref.valueLoc));
}

function checkFlowRef(el: XmlElement, globals: ReadonlyMap<string, XmlElement>, out: Diagnostic[]): void {
  const ref = el.attrs.get('name');
  if (!ref || ref.value.trimStart().startsWith('#[')) return;
  const target = globals.get(ref.value);
  if (target && (target.key === 'flow' || target.key === 'sub-flow')) return;
  const what = target ? `names a <${target.key}>, not a flow or sub-flow` : `names no flow or sub-flow${suggestName(ref.value, globals)}`;
  out.push(error('dangling-flow-ref', `flow-ref "${ref.value}" ${what}`, ref.valueLoc));
}

function suggestName(name: string, globals: ReadonlyMap<string, XmlElement>): string {
  return didYouMean(name, globals.keys());
}

/** Static flow-ref cycles made only of sub-flows, reported at the flow-ref that closes each. */
function subFlowCycles(flows: readonly XmlElement[], globals: ReadonlyMap<string, XmlElement>): Diagnostic[] {
  const calls = new Map<string, Array<{ target: string; ref: XmlElement }>>();
  for (const f of flows) {
    if (f.key !== 'sub-flow') continue;
    const targets: Array<{ target: string; ref: XmlElement }> = [];
    walk(f, (el) => {
      const name = el.key === 'flow-ref' ? el.attrs.get('name')?.value : undefined;
      if (name && globals.get(name)?.key === 'sub-flow') targets.push({ target: name, ref: el });
    });
    calls.set(f.attrs.get('name')?.value ?? '', targets);
  }
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    if (done.has(name)) return;
    stack.push(name);
    for (const { target, ref } of calls.get(name) ?? []) {
      const at = stack.indexOf(target);
      if (at >= 0) {
        out.push(
          error(
            'sub-flow-cycle',
            `sub-flows call each other without end: ${[...stack.slice(at), target].join(' → ')}`,
            ref.attrs.get('name')?.valueLoc ?? ref.loc,
            'break the cycle, or make one of them a flow',
          ),
        );
      } else visit(target);
    }
    stack.pop();
    done.add(name);
  };
  for (const name of calls.keys()) visit(name);
  return out;
}
