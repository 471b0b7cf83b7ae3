/**
 * DataWeave's dates and times on js-joda (a port of java.time, so a format pattern means exactly
 * what Java's DateTimeFormatter makes of it). STUB: the signatures below are the contract the
 * compiler and the library use; a later change fills them in.
 */
import type { TemporalType } from '../ast.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';

/** The value of a `|…|` literal of the type the lexer recognised. Throws (DataWeaveEvaluationError) on a malformed one. */
export function temporalLiteral(type: TemporalType, text: string): DwValue {
  return fail(`not implemented: |${text}| (${type})`);
}

/** `a + b` where one side is a date/time and the other a Period (or both periods). */
export function temporalPlus(a: DwValue, b: DwValue): DwValue {
  return fail(`not implemented: ${String(a)} + ${String(b)}`);
}

/** `a - b`: a date/time minus a Period, or the Period between two dates/times of one type. */
export function temporalMinus(a: DwValue, b: DwValue): DwValue {
  return fail(`not implemented: ${String(a)} - ${String(b)}`);
}

/** `d.year`, `d.month`, `d.day`, `d.hour`, `d.minutes`, `d.seconds`, `d.nanoseconds`, `d.dayOfWeek`, `d.dayOfYear`, `d.offsetSeconds`, `d.timezone`, `d.quarter`, `d.milliseconds`, period fields …; undefined when `v` has no such field. */
export function temporalField(v: DwValue, name: string): DwValue | undefined {
  return fail(`not implemented: .${name} of ${String(v)}`);
}

/** `d as String {format?, locale?}`; without a format, DataWeave's default text of the value. */
export function formatTemporal(v: DwValue, format?: string, locale?: string): string {
  return fail(`not implemented: format ${String(v)} ${format} ${locale}`);
}

/** `s as Date|DateTime|… {format?, locale?}`. */
export function parseTemporal(text: string, type: TemporalType, format?: string, locale?: string): DwValue {
  return fail(`not implemented: parse ${text} as ${type} ${format} ${locale}`);
}

/** `d as Number {unit?}` (epoch seconds by default, "milliseconds" …) and `n as DateTime {unit?}`. */
export function temporalToNumber(v: DwValue, unit?: string): DwValue {
  return fail(`not implemented: ${String(v)} as Number ${unit}`);
}
export function numberToTemporal(n: DwValue, type: TemporalType, unit?: string): DwValue {
  return fail(`not implemented: ${String(n)} as ${type} ${unit}`);
}

/** Converts between temporal types (`dt as Date`, `d as DateTime`, `dt as LocalDateTime` …). */
export function convertTemporal(v: DwValue, type: TemporalType): DwValue {
  return fail(`not implemented: ${String(v)} as ${type}`);
}

/** `now()`: the current DateTime in the machine's zone, as DataWeave gives it. */
export function now(): DwValue {
  return fail('not implemented: now()');
}
