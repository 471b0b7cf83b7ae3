import type { Sequence } from '../values.js';

/*
 * Sequences as the library builds them (a flag on an array the evaluator made). The flag is a
 * plain property, as in the library: cheaper than defineProperty on every step of every path.
 */

export type Seq = Sequence & { cons?: boolean };

export function seq(): Seq {
  const s = [] as unknown as Seq;
  s.sequence = true;
  return s;
}

export function seqOf(value: unknown): Seq {
  const s = seq();
  s.push(value);
  return s;
}

export function isSeq(value: unknown): value is Seq {
  return Array.isArray(value) && (value as Partial<Seq>).sequence === true;
}

/** What every node's value goes through: an empty sequence is nothing, a singleton its item (unless kept). */
export function collapse(result: unknown, keepArray: boolean): unknown {
  if (!isSeq(result) || result.tupleStream) return result;
  if (keepArray) result.keepSingleton = true;
  if (result.length === 0) return undefined;
  if (result.length === 1) return result.keepSingleton ? result : result[0];
  return result;
}

/** JSONata's `$append`: undefined disregarded, non-arrays wrapped, arrays concatenated. */
export function append(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const left = Array.isArray(a) ? a : seqOf(a);
  return left.concat(Array.isArray(b) ? b : [b]);
}

/** Every non-array value inside `value`, depth first. */
export function flatten(value: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) flatten(item, into);
  else into.push(value);
  return into;
}

/** Marks an array built by `[…]` that a path must not flatten. */
export function markCons(array: unknown[]): void {
  Object.defineProperty(array, 'cons', { enumerable: false, configurable: false, value: true });
}
