import type { Seq } from './sequence.js';
import { append, flatten, seq } from './sequence.js';
import type { Evaluator, Node } from './types.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** A field name: its value in an object; over an array, the values of every item, flattened into a sequence. */
export function compileName(node: Node): Evaluator {
  const name = node.value as string;
  return (input) => lookup(input, name);
}

export function lookup(input: unknown, name: string): unknown {
  if (Array.isArray(input)) {
    const result = seq();
    for (const item of input) {
      const res = lookup(item, name);
      if (res === undefined) continue;
      if (Array.isArray(res)) for (const v of res) result.push(v);
      else result.push(res);
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && hasOwn.call(input, name)) return (input as Record<string, unknown>)[name];
  return undefined;
}

/** `*`: the values of every field, arrays flattened. */
export function compileWildcard(): Evaluator {
  return (input) => {
    let results: unknown = seq();
    let target = input;
    if (Array.isArray(target) && (target as Seq).outerWrapper && target.length > 0) target = target[0];
    if (target !== null && typeof target === 'object') {
      for (const key of Object.keys(target)) {
        const value = (target as Record<string, unknown>)[key];
        if (Array.isArray(value)) results = append(results, flatten(value));
        else (results as unknown[]).push(value);
      }
    }
    return results;
  };
}

/** `**`: the value and every value inside it, depth first (arrays are walked, not listed). */
export function compileDescendants(): Evaluator {
  return (input) => {
    if (input === undefined) return undefined;
    const results = seq();
    descend(input, results);
    return results.length === 1 ? results[0] : results;
  };
}

function descend(value: unknown, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const member of value) descend(member, into);
    return;
  }
  into.push(value);
  if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) descend((value as Record<string, unknown>)[key], into);
}
