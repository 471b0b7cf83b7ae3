import { defineFunction, overload } from '../define.js';
import { compare, equals } from '../../values/compare.js';
import { describe } from '../../values/describe.js';
import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwObjectLike, DwRegex, DwValue } from '../../values/model.js';
import { sizeOfObject } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { add, divide, isNum } from '../../values/numbers.js';
import { call, toText } from './helpers.js';
import { allMatches } from './regex.js';

/** Searching and summarising: indexOf, lastIndexOf, find, contains, joinBy, zip, unzip, sum, avg, max, min, maxBy, minBy, sizeOf, isEmpty. */

export const indexOf = defineFunction('indexOf', [
  overload('Array, Any', (items: DwValue[], x: DwValue) => items.findIndex((y) => equals(y, x))),
  overload('String, String', (text: string, s: string) => text.indexOf(s)),
  overload('Null, Any', () => -1),
]);

export const lastIndexOf = defineFunction('lastIndexOf', [
  overload('Array, Any', (items: DwValue[], x: DwValue) => {
    for (let i = items.length - 1; i >= 0; i--) if (equals(items[i], x)) return i;
    return -1;
  }),
  overload('String, String', (text: string, s: string) => text.lastIndexOf(s)),
  overload('Null, Any', () => -1),
]);

export const find = defineFunction('find', [
  overload('Array, Any', (items: DwValue[], x: DwValue) => {
    const out: number[] = [];
    items.forEach((y, i) => equals(y, x) && out.push(i));
    return out;
  }),
  // Where each match starts, then where each of its groups starts.
  overload('String, Regex', (text: string, rx: DwRegex) => allMatches(text, rx, true).map((m) => [...m.starts])),
  // Every position the text occurs at, overlapping ones too ("aaa" find "aa" is [0, 1]).
  overload('String, String', (text: string, s: string) => {
    const out: number[] = [];
    if (s === '') return out;
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push(i);
    return out;
  }),
  overload('Null, Any', () => []),
]);

export const contains = defineFunction('contains', [
  overload('Array, Any', (items: DwValue[], x: DwValue) => items.some((y) => equals(y, x))),
  overload('String, String', (text: string, s: string) => text.includes(s)),
  overload('String, Regex', (text: string, rx: DwRegex) => rx.once().test(text)),
  overload('Null, Any', () => false),
]);

export const joinBy = defineFunction('joinBy', [
  overload('Array, String', (items: DwValue[], sep: string) => items.map((x) => toText(x)).join(sep)),
  overload('Null, Any', () => null),
]);

export const zip = defineFunction('zip', [
  overload('Array, Array', (a: DwValue[], b: DwValue[]) => {
    const n = Math.min(a.length, b.length);
    const out: DwValue[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = [a[i]!, b[i]!];
    return out;
  }),
]);

export const unzip = defineFunction('unzip', [
  // As many tuples as the shortest inner array has items.
  overload('Array', (items: DwValue[]) => {
    const arrays = items.map((x) => (Array.isArray(x) ? x : fail(`unzip expects an array of arrays, got ${describe(x)}`)));
    if (arrays.length === 0) return [];
    const n = Math.min(...arrays.map((a) => a.length));
    const out: DwValue[] = [];
    for (let i = 0; i < n; i++) out.push(arrays.map((a) => a[i]!));
    return out;
  }),
]);

function numbers(items: readonly DwValue[], fn: string): Num[] {
  return items.map((x) => (isNum(x) ? x : fail(`${fn} expects an array of numbers, got ${describe(x)}`)));
}

/** Exact over decimals: [0.1, 0.2] sums to 0.3. */
function total(items: readonly DwValue[], fn: string): Num {
  let s: Num = 0;
  for (const n of numbers(items, fn)) s = add(s, n);
  return s;
}

export const sum = defineFunction('sum', [overload('Array', (items: DwValue[]) => total(items, 'sum'))]);

export const avg = defineFunction('avg', [
  overload('Array', (items: DwValue[]) => (items.length === 0 ? fail('avg of an empty array: Division by zero') : divide(total(items, 'avg'), items.length))),
]);

/** The extreme item by `better(c) > 0`, the first one on ties; null for no items. */
function extreme(items: readonly DwValue[], key: (x: DwValue) => DwValue, sign: 1 | -1): DwValue {
  if (items.length === 0) return null;
  let best = items[0]!;
  let bestKey = key(best);
  for (let i = 1; i < items.length; i++) {
    const k = key(items[i]!);
    if (compare(k, bestKey) * sign > 0) {
      best = items[i]!;
      bestKey = k;
    }
  }
  return best;
}

export const max = defineFunction('max', [overload('Array', (items: DwValue[]) => extreme(items, (x) => x, 1))]);
export const min = defineFunction('min', [overload('Array', (items: DwValue[]) => extreme(items, (x) => x, -1))]);
export const maxBy = defineFunction('maxBy', [overload('Array, Function', (items: DwValue[], fn: DwFunction) => extreme(items, (x) => call(fn, x), 1))]);
export const minBy = defineFunction('minBy', [overload('Array, Function', (items: DwValue[], fn: DwFunction) => extreme(items, (x) => call(fn, x), -1))]);

export const sizeOf = defineFunction('sizeOf', [
  overload('Array', (items: DwValue[]) => items.length),
  // UTF-16 units, as Java's String.length counts them.
  overload('String', (text: string) => text.length),
  overload('Object', (o: DwObjectLike) => sizeOfObject(o)),
  overload('Binary', (b: Uint8Array) => b.length),
  overload('Null', () => null),
]);

export const isEmpty = defineFunction('isEmpty', [
  overload('Array', (items: DwValue[]) => items.length === 0),
  overload('String', (text: string) => text.length === 0),
  overload('Object', (o: DwObjectLike) => sizeOfObject(o) === 0),
  overload('Null', () => true),
]);
