import { temporalField } from '../temporal/index.js';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue, Entry } from '../values/model.js';
import { AttributedText, DwObject, entriesOf, isObject, makeObject, typeOf, withAttributes } from '../values/model.js';
import { isNum, toDouble } from '../values/numbers.js';

/**
 * The selectors at run time (https://docs.mulesoft.com/dataweave/latest/dataweave-selectors).
 * Selecting on null gives null; on an array, a key selector applies to each object item.
 */
const TEMPORAL = new Set(['Date', 'DateTime', 'LocalDateTime', 'LocalTime', 'Time', 'TimeZone', 'Period']);

/**
 * The entry an object value was last selected by, when that entry carries attributes or a
 * namespace: `payload.*order map $.@id` reads the attributes of the key `$` came from, which the
 * value itself does not hold.
 */
const selectedBy = new WeakMap<object, Entry>();

/** The entry `v` was selected by, if it is an object selected from a key with attributes or a namespace. */
export function entryOfValue(v: DwValue): Entry | undefined {
  if (v instanceof AttributedText) return { key: '', value: v.valueOf(), attrs: v.attrs };
  return v !== null && typeof v === 'object' ? selectedBy.get(v) : undefined;
}

/** The value of `e`, remembering its entry; text (or nothing) of a key with attributes comes as an AttributedText, which holds them itself. */
function remember(e: Entry): DwValue {
  if (e.attrs === undefined && e.ns === undefined) return e.value;
  if (e.value !== null && typeof e.value === 'object') {
    selectedBy.set(e.value, e);
    return e.value;
  }
  return withAttributes(e.value, e.attrs);
}

/** `v.key`: the first value under `key` (with namespace `ns` when given). */
export function selectKey(v: DwValue | undefined, key: string, ns?: string): DwValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') {
    if (v.constructor === Object && ns === undefined) return Object.prototype.hasOwnProperty.call(v, key) ? (v as Record<string, DwValue>)[key]! : null;
    if (v instanceof DwObject) {
      for (const e of v.entries) if (e.key === key && (ns === undefined || e.ns === ns)) return remember(e);
      return null;
    }
    if (Array.isArray(v)) {
      const out: DwValue[] = [];
      for (const item of v) {
        if (!isObject(item)) continue;
        const e = firstEntry(item, key, ns);
        if (e) out.push(remember(e));
      }
      return out;
    }
    if (isObject(v)) return firstEntry(v, key, ns)?.value ?? null;
  }
  return otherField(v, key);
}

function otherField(v: DwValue, key: string): DwValue {
  if (TEMPORAL.has(typeOf(v))) {
    const r = temporalField(v, key);
    if (r !== undefined) return r;
  }
  return fail(`Cannot select key "${key}" on ${describe(v)}`);
}

/** The first entry of an object under `key`, or undefined. */
export function firstEntry(o: DwValue, key: string, ns?: string): Entry | undefined {
  if (o instanceof DwObject) {
    for (const e of o.entries) if (e.key === key && (ns === undefined || e.ns === ns)) return e;
    return undefined;
  }
  if (ns !== undefined || !Object.prototype.hasOwnProperty.call(o, key)) return undefined;
  return { key, value: (o as Record<string, DwValue>)[key]! };
}

/** The entries `v.key` (or, `multi`, `v.*key`) selects, for the selectors that read a key's attributes or namespace. */
export function selectEntries(v: DwValue, key: string, ns: string | undefined, multi: boolean): Entry[] {
  const out: Entry[] = [];
  const from = (o: DwValue): void => {
    if (!isObject(o)) return;
    for (const e of entriesOf(o)) {
      if (e.key === key && (ns === undefined || e.ns === ns)) {
        out.push(e);
        if (!multi) return;
      }
    }
  };
  if (Array.isArray(v)) v.forEach(from);
  else from(v);
  return out;
}

/** `v.*key`: every value under `key`; on an array, over every object item. */
export function selectAll(v: DwValue, key: string, ns?: string): DwValue {
  if (v === null) return null;
  if (isObject(v) || Array.isArray(v)) {
    const found = selectEntries(v, key, ns, true).map(remember);
    return found.length === 0 && isObject(v) ? null : found;
  }
  return fail(`Cannot select key "${key}" on ${describe(v)}`);
}

/** `v..key` (or `v..*key`, `multi`): the values under `key` at any depth, outermost first. */
export function selectDescendants(v: DwValue, key: string, ns: string | undefined, multi: boolean): DwValue {
  if (v === null) return null;
  const out: DwValue[] = [];
  const walk = (x: DwValue): void => {
    if (Array.isArray(x)) {
      for (const item of x) walk(item);
      return;
    }
    if (!isObject(x)) return;
    const entries = entriesOf(x);
    let taken = false;
    for (const e of entries) {
      if (e.key === key && (ns === undefined || e.ns === ns) && (multi || !taken)) {
        out.push(e.value);
        taken = true;
      }
    }
    for (const e of entries) walk(e.value);
  };
  walk(v);
  return out;
}

/** `v[i]`: an item of an array (negative from the end), a character of a string, the i-th value of an object; null past the end. */
export function selectIndex(v: DwValue, index: DwValue): DwValue {
  if (v === null) return null;
  if (typeof index === 'string') return selectKey(v, index);
  if (!isNum(index)) return fail(`Cannot select with ${describe(index)} as an index`);
  let i = Math.trunc(toDouble(index));
  if (Array.isArray(v) || typeof v === 'string') {
    if (i < 0) i += v.length;
    return i >= 0 && i < v.length ? v[i]! : null;
  }
  if (isObject(v)) {
    const entries = entriesOf(v);
    if (i < 0) i += entries.length;
    return entries[i]?.value ?? null;
  }
  return fail(`Cannot select index ${i} on ${describe(v)}`);
}

/** `v[a to b]`: inclusive, counted from the end when negative, reversed when a > b. */
export function selectRange(v: DwValue, fromV: DwValue, toV: DwValue): DwValue {
  if (v === null) return null;
  if (!isNum(fromV) || !isNum(toV)) return fail(`A range needs numbers, not ${describe(fromV)} and ${describe(toV)}`);
  if (!Array.isArray(v) && typeof v !== 'string') return fail(`Cannot select a range on ${describe(v)}`);
  const n = v.length;
  let a = Math.trunc(toDouble(fromV));
  let b = Math.trunc(toDouble(toV));
  if (a < 0) a += n;
  if (b < 0) b += n;
  if (a < 0 || b < 0 || a >= n || b >= n) return null;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (typeof v === 'string') {
    const s = v.slice(lo, hi + 1);
    return a <= b ? s : [...s].reverse().join('');
  }
  const part = v.slice(lo, hi + 1);
  return a <= b ? part : part.reverse();
}

/** `v[?(cond)]`: the items (or fields) for which `test` is true. */
export function selectFilter(v: DwValue, test: (item: DwValue, key: DwValue) => DwValue): DwValue {
  if (v === null) return null;
  if (Array.isArray(v)) return v.filter((item, i) => test(item, i) === true);
  if (isObject(v)) {
    const kept = entriesOf(v).filter((e) => test(e.value, e.key) === true);
    return makeObject(kept);
  }
  return fail(`Cannot filter ${describe(v)}`);
}

/** Attributes of the selected entries as an object (`.@`), or one of them (`.@name`). */
export function attributesOf(entries: readonly Entry[], name?: string): DwValue {
  const e = entries[0];
  if (!e) return null;
  if (name === undefined) return e.attrs ? makeObject(e.attrs) : {};
  return e.attrs?.find((a) => a.key === name)?.value ?? null;
}
