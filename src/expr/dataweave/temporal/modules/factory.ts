/**
 * Reading the `{year: 2012, month: 10, …}` objects that dw::core::Dates and dw::core::Periods
 * build values from, and turning (possibly fractional) numbers into periods.
 */
import { Duration } from '@js-joda/core';
import { describe } from '../../values/describe.js';
import { fail } from '../../values/eval-error.js';
import type { DwObjectLike } from '../../values/model.js';
import { field } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { D, decimal, isNum } from '../../values/numbers.js';

/** A Number field of a factory object, or its default when absent or null. */
export function numberField(fn: string, o: DwObjectLike, key: string, dflt: number): Num {
  const v = field(o, key);
  if (v === undefined || v === null) return dflt;
  if (!isNum(v)) return fail(`${fn}: the field '${key}' must be a Number, got ${describe(v)}`);
  return v;
}

/** A whole number (a year, a month …), refusing fractions java.time could not hold. */
export function whole(fn: string, what: string, n: Num): number {
  const d = decimal(n);
  if (!d.isInteger()) return fail(`${fn}: ${what} must be a whole number, got ${d.toString()}`);
  return d.toNumber();
}

/** Seconds with a fraction (`59.99`) as whole seconds and nanoseconds. */
export function secondsAndNanos(n: Num): [number, number] {
  const d = decimal(n);
  const secs = d.floor();
  return [secs.toNumber(), d.minus(secs).times(1e9).round().toNumber()];
}

const NANOS_PER: Record<'days' | 'hours' | 'minutes' | 'seconds', string> = {
  days: '86400000000000',
  hours: '3600000000000',
  minutes: '60000000000',
  seconds: '1000000000',
};

/** `amount` days, hours, minutes or seconds (fractions kept to the nanosecond) as a Duration. */
export function durationOf(amount: Num, unit: keyof typeof NANOS_PER): Duration {
  const nanos = decimal(amount).times(new D(NANOS_PER[unit])).round();
  const secs = nanos.div(1e9).floor();
  return Duration.ofSeconds(secs.toNumber(), nanos.minus(secs.times(1e9)).toNumber());
}
