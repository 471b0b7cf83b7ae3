import type { Builtin, CallContext } from '../values.js';
import { isSequence } from '../values.js';
import { isNumeric, stringify, truthy } from '../compile/coerce.js';
import { lookup } from '../compile/names.js';
import { append } from '../compile/sequence.js';

/*
 * Placeholder: the built-in functions are written in parallel (issue 17) and replace this file on
 * merge. Until then compiled JSONata covers the few below; an expression calling any other
 * JSONata function runs on the library.
 */

function count(arr: unknown[] | undefined): number {
  return arr === undefined ? 0 : arr.length;
}

function sum(arr: number[] | undefined): number | undefined {
  if (arr === undefined) return undefined;
  let total = 0;
  for (const n of arr) total += n;
  return total;
}

function exists(arg: unknown): boolean {
  return arg !== undefined;
}

function map(this: CallContext, arr: unknown[] | undefined, fn: unknown): unknown[] | undefined {
  if (arr === undefined) return undefined;
  const out: unknown[] = [];
  Object.defineProperty(out, 'sequence', { value: true, enumerable: false, writable: true });
  const arity = this.arity(fn);
  for (let i = 0; i < arr.length; i++) {
    const args = [arr[i], i, arr].slice(0, Math.max(arity, 1));
    const res = this.apply(fn, args);
    if (res !== undefined) out.push(res);
  }
  return out;
}

function keys(arg: unknown): string[] | undefined {
  const out = new Set<string>();
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) out.add(k);
  };
  collect(arg);
  const result = [...out];
  Object.defineProperty(result, 'sequence', { value: true, enumerable: false, writable: true });
  return isSequence(result) && result.length === 0 ? undefined : result;
}

function string(arg: unknown, prettify = false): string | undefined {
  if (!prettify || arg === undefined || typeof arg === 'string' || typeof arg === 'function') return stringify(arg);
  return JSON.stringify(
    arg,
    (_k, v: unknown) => (typeof v === 'number' && isNumeric(v) && !Number.isInteger(v) ? Number(v.toPrecision(15)) : typeof v === 'function' ? '' : v),
    2,
  );
}

function not(arg: unknown): boolean | undefined {
  const b = truthy(arg);
  return b === undefined ? undefined : !b;
}

export const BUILTINS: Readonly<Record<string, Builtin>> = {
  count: { signature: '<a:n>', impl: count as never },
  sum: { signature: '<a<n>:n>', impl: sum as never },
  exists: { signature: '<x:b>', impl: exists as never },
  map: { signature: '<af>', impl: map as never },
  keys: { signature: '<x-:a<s>>', impl: keys as never },
  string: { signature: '<x-b?:s>', impl: string as never },
  boolean: { signature: '<x-:b>', impl: truthy as never },
  not: { signature: '<x-:b>', impl: not as never },
  append: { signature: '<xx:a>', impl: append as never },
  lookup: { signature: '<x-s:x>', impl: lookup as never },
};
