import { createHash } from 'node:crypto';
import type { XmlElement } from '../model/element.js';
import type { AppGraph } from './app-graph.js';

/**
 * A fingerprint per named global (flow, sub-flow, config, error handler): its own definition,
 * everything it refers to, transitively, and `salt` (what every element may depend on: the
 * properties and the app's other files). Equal fingerprints across two loads mean the element
 * can be kept as it runs; the unnamed top-level elements (configuration, autodiscovery …) count
 * for all. Pure.
 */
export function fingerprints(graph: AppGraph, salt: string): Map<string, string> {
  const own = new Map<string, string>();
  const refs = new Map<string, string[]>();
  for (const [name, el] of graph.globals) {
    own.set(name, hash(canonical(el)));
    // A flow-ref computed at run time may reach any flow: such an element depends on them all.
    const named = references(el);
    refs.set(
      name,
      (named.includes(ANY) ? [...graph.globals.keys()] : named).filter((r) => graph.globals.has(r)),
    );
  }
  const shared = hash([salt, ...graph.directives.map(canonical)].join('\n'));
  const out = new Map<string, string>();
  for (const name of graph.globals.keys()) {
    const reach = new Set<string>([name]);
    const queue = [name];
    while (queue.length > 0) {
      for (const r of refs.get(queue.shift()!) ?? []) {
        if (reach.has(r)) continue;
        reach.add(r);
        queue.push(r);
      }
    }
    out.set(name, hash([shared, ...[...reach].sort().map((n) => `${n}=${own.get(n)}`)].join('\n')));
  }
  return out;
}

/** The element as text without positions or documentation attributes. */
function canonical(el: XmlElement): string {
  const attrs = [...el.attrs.values()]
    .filter((a) => !a.name.startsWith('doc:'))
    .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
    .sort();
  return `<${el.key} ${attrs.join(' ')}>${JSON.stringify(el.text)}${el.children.map(canonical).join('')}</>`;
}

/**
 * Names an element may refer to: every attribute value (config-ref, listenerConfig, a flow named
 * as a security provider, error handler refs …); the caller keeps those that name a global. A
 * value that merely equals a name makes a reload replace a little more, never less.
 */
function references(el: XmlElement): string[] {
  const out: string[] = [];
  const visit = (e: XmlElement): void => {
    for (const attr of e.attrs.values()) {
      if (attr.name.startsWith('doc:')) continue;
      if (e.key === 'flow-ref' && attr.name === 'name' && attr.value.trim().startsWith('#[')) out.push(ANY);
      else out.push(attr.value);
    }
    e.children.forEach(visit);
  };
  visit(el);
  return out;
}

const ANY = '\0any';

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
