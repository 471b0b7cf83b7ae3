import { Duration, Period, ZonedDateTime, ZoneId } from '@js-joda/core';
import { fail } from './eval-error.js';
import type { DwValue } from './model.js';
import { entriesOf, isObject, isRegex, typeOf, unbox } from './model.js';
import { compareNumbers, formatNumber, isNum } from './numbers.js';

/**
 * `==`: same type and same value. Numbers compare by value (1 == 1.0), objects field by field
 * in any order, arrays item by item, dates by the instant or value they denote.
 */
export function equals(a: DwValue | undefined, b: DwValue | undefined): boolean {
  if (a === b) return true;
  if (a instanceof String || b instanceof String) return equals(unbox(a), unbox(b));
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (isNum(a)) return isNum(b) && compareNumbers(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equals(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ea = entriesOf(a);
    const eb = entriesOf(b);
    if (ea.length !== eb.length) return false;
    const used = new Array<boolean>(eb.length).fill(false);
    outer: for (const x of ea) {
      for (let i = 0; i < eb.length; i++) {
        if (!used[i] && eb[i]!.key === x.key && equals(x.value, eb[i]!.value)) {
          used[i] = true;
          continue outer;
        }
      }
      return false;
    }
    return true;
  }
  if (isRegex(a)) return isRegex(b) && a.source === b.source;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (typeOf(a) !== typeOf(b)) return false;
  if (a instanceof Period || a instanceof Duration) return (a as { equals(o: unknown): boolean }).equals(b);
  return compareTemporal(a, b) === 0;
}

/** `~=`: equal after coercing one side to the other's type (`1 ~= "1"`). */
export function similar(a: DwValue | undefined, b: DwValue | undefined): boolean {
  a = unbox(a);
  b = unbox(b);
  if (equals(a, b)) return true;
  const sa = scalarText(a);
  const sb = scalarText(b);
  if (sa === undefined || sb === undefined) return false;
  if (isNum(a) || isNum(b)) {
    const na = Number(sa);
    const nb = Number(sb);
    return sa.trim() !== '' && sb.trim() !== '' && !Number.isNaN(na) && na === nb;
  }
  return sa === sb;
}

function scalarText(v: DwValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (isNum(v)) return formatNumber(v);
  return undefined;
}

/**
 * `<`, `>` …, and the order of `orderBy`, `max`, `min`: numbers, strings (by UTF-16 code unit, as
 * Java compares them), booleans (false first), and dates of one type. Anything else is an error.
 */
export function compare(a: DwValue | undefined, b: DwValue | undefined): number {
  a = unbox(a);
  b = unbox(b);
  if (isNum(a) && isNum(b)) return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const ta = typeOf(a ?? null);
  if (ta === typeOf(b ?? null) && ta !== 'Null' && ta !== 'Object' && ta !== 'Array' && ta !== 'Function') {
    const c = compareTemporal(a!, b!);
    if (c !== undefined) return c;
  }
  return fail(`Cannot compare ${ta} with ${typeOf(b ?? null)}`);
}

interface JodaComparable {
  compareTo(o: unknown): number;
}

function compareTemporal(a: DwValue, b: DwValue): number | undefined {
  const c = a as unknown as Partial<JodaComparable>;
  // DateTimes compare as instants (whatever zone they are seen in); LocalDateTime also has a
  // toInstant, but one that needs an offset, so the test is on the type.
  if (a instanceof ZonedDateTime && b instanceof ZonedDateTime) return Math.sign(a.toInstant().compareTo(b.toInstant()));
  if (typeof c.compareTo === 'function') return Math.sign(c.compareTo(b));
  // A region zone (America/New_York) has no compareTo of its own: zones order by their ids.
  if (a instanceof ZoneId && b instanceof ZoneId) return a.id() === b.id() ? 0 : a.id() < b.id() ? -1 : 1;
  return undefined;
}
