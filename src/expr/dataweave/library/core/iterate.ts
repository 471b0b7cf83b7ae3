import { defineFunction, overload } from '../define.js';
import { compare, equals } from '../../values/compare.js';
import type { DwFunction, DwObjectLike, DwValue, Entry } from '../../values/model.js';
import { ObjectBuilder, entriesOf, makeObject } from '../../values/model.js';
import { call, toText, truthy } from './helpers.js';

/** map, filter, reduce, flatMap, flatten, distinctBy, groupBy, orderBy: the iterating half of dw::Core. */

export const map = defineFunction('map', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) => {
    const out = new Array<DwValue>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = call(fn, items[i]!, i);
    return out;
  }),
  overload('Null, Function', () => null),
]);

export const filter = defineFunction('filter', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) => {
    const out: DwValue[] = [];
    for (let i = 0; i < items.length; i++) if (truthy(call(fn, items[i]!, i))) out.push(items[i]!);
    return out;
  }),
  // A string filters character by character (UTF-16 units, as Java's String indexes them).
  overload('String, Function', (text: string, fn: DwFunction) => {
    let out = '';
    for (let i = 0; i < text.length; i++) if (truthy(call(fn, text[i]!, i))) out += text[i];
    return out;
  }),
  overload('Null, Function', () => null),
]);

export const reduce = defineFunction('reduce', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) => {
    // With `acc = initial` the lambda starts on the first item (its default supplies acc);
    // without one the first item is the accumulator and the lambda starts on the second.
    const hasDefault = fn.dwDefaults?.[1] === true;
    if (items.length === 0) return hasDefault && fn.dwDefaultValue ? fn.dwDefaultValue(1) : null;
    let i = 0;
    let acc: DwValue;
    if (hasDefault) {
      acc = call(fn, items[0]!);
      i = 1;
    } else {
      acc = items[0]!;
      i = 1;
    }
    for (; i < items.length; i++) acc = call(fn, items[i]!, acc);
    return acc;
  }),
  overload('Null, Function', () => null),
]);

export const flatMap = defineFunction('flatMap', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) => {
    const out: DwValue[] = [];
    for (let i = 0; i < items.length; i++) {
      const r = call(fn, items[i]!, i);
      if (Array.isArray(r)) for (const x of r) out.push(x);
      else out.push(r);
    }
    return out;
  }),
  overload('Null, Function', () => null),
]);

export const flatten = defineFunction('flatten', [
  // One level only: [[1], [2, [3]], 4] is [1, 2, [3], 4].
  overload('Array', (items: DwValue[]) => {
    const out: DwValue[] = [];
    for (const x of items) {
      if (Array.isArray(x)) for (const y of x) out.push(y);
      else out.push(x);
    }
    return out;
  }),
  overload('Null', () => null),
]);

/** Items kept in order, the first of each run of equal criteria winning. */
function distinct<T>(items: readonly T[], criteria: (x: T, i: number) => DwValue): T[] {
  const seen: DwValue[] = [];
  const out: T[] = [];
  items.forEach((x, i) => {
    const c = criteria(x, i);
    if (!seen.some((s) => equals(s, c))) {
      seen.push(c);
      out.push(x);
    }
  });
  return out;
}

export const distinctBy = defineFunction('distinctBy', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) => distinct(items, (x, i) => call(fn, x, i))),
  overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => makeObject(distinct(entriesOf(o), (e) => call(fn, e.value, e.key)))),
  overload('Null, Function', () => null),
]);

/**
 * Groups under the criteria's text, each group's members in order. The groups come out last
 * first: every example of DataWeave's documentation shows them so (`["a","b","c"] groupBy $$`
 * is `{"2": ["c"], "1": ["b"], "0": ["a"]}`).
 */
function group<T>(items: readonly T[], criteria: (x: T, i: number) => DwValue, build: (members: T[]) => DwValue): DwObjectLike {
  const groups = new Map<string, T[]>();
  items.forEach((x, i) => {
    const key = toText(criteria(x, i), 'Key');
    const g = groups.get(key);
    if (g) g.push(x);
    else groups.set(key, [x]);
  });
  const out = new ObjectBuilder();
  for (const [key, members] of [...groups].reverse()) out.set(key, build(members));
  return out.build();
}

export const groupBy = defineFunction('groupBy', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) =>
    group(
      items,
      (x, i) => call(fn, x, i),
      (m) => m,
    ),
  ),
  overload('Object, Function', (o: DwObjectLike, fn: DwFunction) =>
    group(
      entriesOf(o),
      (e) => call(fn, e.value, e.key),
      (m) => makeObject(m),
    ),
  ),
  overload('Null, Function', () => null),
]);

/** A stable sort on the criteria, computed once per item. */
function sortBy<T>(items: readonly T[], criteria: (x: T, i: number) => DwValue): T[] {
  const keyed = items.map((x, i) => ({ x, k: criteria(x, i), i }));
  keyed.sort((a, b) => compare(a.k, b.k) || a.i - b.i);
  return keyed.map((e) => e.x);
}

export const orderBy = defineFunction('orderBy', [
  overload('Array, Function', (items: DwValue[], fn: DwFunction) => sortBy(items, (x, i) => call(fn, x, i))),
  overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => makeObject(sortBy<Entry>(entriesOf(o), (e) => call(fn, e.value, e.key)))),
  overload('Null, Function', () => null),
]);
