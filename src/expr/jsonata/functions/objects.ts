/*
 * The object functions of JSONata (functions.js): $keys, $lookup, $spread, $merge. Over an
 * array they apply to each item and gather the results into a sequence.
 */
import { createSequence, isFunction, type Builtin, type Sequence } from '../values.js';
import { append } from './arrays.js';
import { keysOf } from './util.js';

/** The keys of an object, or the union of the keys of an array's objects, first seen first. */
function keys(arg: unknown): Sequence<string> {
  const result = createSequence<string>();
  if (Array.isArray(arg)) {
    // An object, not a Set, gathers them: JSONata's order puts integer-like keys first.
    const merged = Object.create(null) as Record<string, true>;
    for (const item of arg) for (const key of keys(item)) merged[key] = true;
    for (const key of Object.keys(merged)) result.push(key);
  } else if (arg !== null && typeof arg === 'object' && !isFunction(arg)) {
    for (const key of Object.keys(arg)) result.push(key);
  }
  return result;
}

/** The value of `key` in an object; over an array, every item's value, flattened into a sequence. */
function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = createSequence();
    for (const item of input) {
      const res = lookup(item, key);
      if (Array.isArray(res)) for (const v of res) result.push(v);
      else if (res !== undefined) result.push(res);
    }
    return result;
  }
  if (input !== null && typeof input === 'object' && Object.prototype.hasOwnProperty.call(input, key)) {
    return (input as Record<string, unknown>)[key];
  }
  return undefined;
}

/** An object as an array of one-property objects; an array's objects spread and appended. */
function spread(arg: unknown): unknown {
  if (Array.isArray(arg)) {
    let result: unknown = createSequence();
    for (const item of arg) result = append(result, spread(item));
    return result;
  }
  if (arg !== null && typeof arg === 'object') {
    const result = createSequence<Record<string, unknown>>();
    for (const key of Object.keys(arg)) {
      const one = Object.create(null) as Record<string, unknown>;
      one[key] = (arg as Record<string, unknown>)[key];
      result.push(one);
    }
    return result;
  }
  return arg;
}

/** One object with every property of the array's objects; later ones win. */
function merge(arg: unknown[] | undefined): Record<string, unknown> | undefined {
  if (arg === undefined) return undefined;
  const result = Object.create(null) as Record<string, unknown>;
  for (const obj of arg) for (const prop of keysOf(obj)) result[prop] = (obj as Record<string, unknown>)[prop];
  return result;
}

export const OBJECTS: Readonly<Record<string, Builtin>> = {
  keys: { signature: '<x-:a<s>>', impl: keys },
  lookup: { signature: '<x-s:x>', impl: lookup },
  spread: { signature: '<x-:a<o>>', impl: spread },
  merge: { signature: '<a<o>:o>', impl: merge },
};
