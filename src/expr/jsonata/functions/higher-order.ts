/*
 * JSONata's higher-order functions (functions.js): $map, $filter, $single, $reduce, $each,
 * $sift. They call function values only through `this.apply`, passing as many of (value,
 * index or key, whole) as the function takes (`hofArgs`).
 */
import { createSequence, JsonataError, type Builtin, type CallContext, type Sequence } from '../values.js';
import { toBoolean } from './booleans.js';
import { hofArgs, keysOf } from './util.js';

function map(this: CallContext, arr: unknown[] | undefined, fn: unknown): Sequence | undefined {
  if (arr === undefined) return undefined;
  const result = createSequence();
  for (let i = 0; i < arr.length; i++) {
    const res = this.apply(fn, hofArgs(this, fn, arr[i], i, arr));
    if (res !== undefined) result.push(res);
  }
  return result;
}

function filter(this: CallContext, arr: unknown[] | undefined, fn: unknown): Sequence | undefined {
  if (arr === undefined) return undefined;
  const result = createSequence();
  for (let i = 0; i < arr.length; i++) {
    if (toBoolean(this.apply(fn, hofArgs(this, fn, arr[i], i, arr)))) result.push(arr[i]);
  }
  return result;
}

/** The one item `fn` accepts (every item when there is no `fn`): D3138 for more, D3139 for none. */
function single(this: CallContext, arr: unknown[] | undefined, fn?: unknown): unknown {
  if (arr === undefined) return undefined;
  let found = false;
  let result: unknown;
  for (let i = 0; i < arr.length; i++) {
    const accepted = fn === undefined || toBoolean(this.apply(fn, hofArgs(this, fn, arr[i], i, arr)));
    if (!accepted) continue;
    if (found) throw new JsonataError('D3138', 'The $single() function expected exactly 1 matching result.  Instead it matched more.');
    result = arr[i];
    found = true;
  }
  if (!found) throw new JsonataError('D3139', 'The $single() function expected exactly 1 matching result.  Instead it matched 0.');
  return result;
}

/** A left fold: fn(accumulator, value[, index[, array]]), starting from `init` or the first item. */
function reduce(this: CallContext, sequence: unknown[] | undefined, fn: unknown, init?: unknown): unknown {
  if (sequence === undefined) return undefined;
  const arity = this.arity(fn);
  if (arity < 2) throw new JsonataError('D3050', 'The second argument of reduce function must be a function with at least two arguments');
  let result = init;
  let index = 0;
  if (init === undefined && sequence.length > 0) {
    result = sequence[0];
    index = 1;
  }
  for (; index < sequence.length; index++) {
    const args = [result, sequence[index]];
    if (arity >= 3) args.push(index);
    if (arity >= 4) args.push(sequence);
    result = this.apply(fn, args);
  }
  return result;
}

/** fn(value[, key[, object]]) for each property, the defined results gathered in a sequence. */
function each(this: CallContext, obj: Record<string, unknown> | undefined, fn: unknown): Sequence {
  const result = createSequence();
  for (const key of keysOf(obj)) {
    const val = this.apply(fn, hofArgs(this, fn, obj![key], key, obj));
    if (val !== undefined) result.push(val);
  }
  return result;
}

/** The properties fn(value[, key[, object]]) accepts, as an object; undefined when none. */
function sift(this: CallContext, obj: Record<string, unknown> | undefined, fn: unknown): Record<string, unknown> | undefined {
  const result = Object.create(null) as Record<string, unknown>;
  let any = false;
  for (const key of keysOf(obj)) {
    const entry = obj![key];
    if (toBoolean(this.apply(fn, hofArgs(this, fn, entry, key, obj)))) {
      result[key] = entry;
      any = true;
    }
  }
  return any ? result : undefined;
}

export const HIGHER_ORDER: Readonly<Record<string, Builtin>> = {
  map: { signature: '<af>', impl: map },
  filter: { signature: '<af>', impl: filter },
  single: { signature: '<af?>', impl: single },
  reduce: { signature: '<afj?:j>', impl: reduce },
  each: { signature: '<o-f:a>', impl: each },
  sift: { signature: '<o-f?:o>', impl: sift },
};
