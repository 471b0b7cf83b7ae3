/*
 * $boolean, $not, $exists: JSONata's effective boolean value (functions.js `boolean`), which the
 * higher-order predicates ($filter, $single, $sift) apply to what their function returns.
 */
import type { Builtin } from '../values.js';
import { isFunctionValue, keysOf } from './util.js';

/**
 * The effective boolean value: empty strings, 0, null, empty arrays and objects, functions and
 * false are false; an array is true when any item is.
 *
 * @example
 * toBoolean([0, '', 'x']); // true
 */
export function toBoolean(arg: unknown): boolean | undefined {
  if (arg === undefined) return undefined;
  if (Array.isArray(arg)) {
    if (arg.length === 1) return toBoolean(arg[0]);
    return arg.length > 1 && arg.some((item) => toBoolean(item));
  }
  if (typeof arg === 'string') return arg.length > 0;
  if (typeof arg === 'number') return arg !== 0 && !Number.isNaN(arg);
  if (typeof arg === 'object' && arg !== null && !isFunctionValue(arg)) return keysOf(arg).length > 0;
  return arg === true;
}

function not(arg: unknown): boolean | undefined {
  return arg === undefined ? undefined : !toBoolean(arg);
}

export const BOOLEANS: Readonly<Record<string, Builtin>> = {
  boolean: { signature: '<x-:b>', impl: toBoolean },
  not: { signature: '<x-:b>', impl: not },
  exists: { signature: '<x:b>', impl: (arg: unknown) => arg !== undefined },
};
