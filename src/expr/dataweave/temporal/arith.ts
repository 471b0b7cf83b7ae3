/**
 * `+` and `-` with dates and periods. A date-based Period moves along the calendar (`|2020-01-31| +
 * |P1M|` is the 29th of February); a time-based one along the time-line. The difference of two
 * dates of one type is a time-based Period (`|2019-10-01| - |2018-09-23|` is `PT8952H`), as in
 * DataWeave since 2.3.
 */
import { ChronoUnit, Duration, LocalDate, LocalDateTime, LocalTime, OffsetTime, Period, ZonedDateTime } from '@js-joda/core';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { typeOf } from '../values/model.js';
import type { DwPeriod } from './period.js';
import { addPeriods, durationAsDays, isPeriod } from './period.js';

type Dated = LocalDate | LocalDateTime | ZonedDateTime | LocalTime | OffsetTime;

function isDated(v: unknown): v is Dated {
  return v instanceof LocalDate || v instanceof LocalDateTime || v instanceof ZonedDateTime || v instanceof LocalTime || v instanceof OffsetTime;
}

function mismatch(op: string, a: DwValue, b: DwValue): never {
  return fail(
    `You called the function '${op}' with these arguments:\n  1: ${describe(a)}\n  2: ${describe(b)}\n\nBut it expects one of these combinations:\n  (Date | DateTime | LocalDateTime | LocalTime | Time, Period)\n  (Period, Period)${op === '-' ? '\n  (Date, Date) and the like: two dates of one type' : ''}`,
  );
}

function verb(sign: 1 | -1, p: DwPeriod): string {
  return sign > 0 ? `Cannot add |${p.toString()}| to` : `Cannot subtract |${p.toString()}| from`;
}

/** A date or time moved by a period (`sign` -1 to subtract). */
function shift(d: Dated, p: DwPeriod, sign: 1 | -1): Dated {
  if (d instanceof LocalDate) {
    if (p instanceof Duration) {
      // A Date has no time of day: only whole days of a time-based period can move it.
      const days = durationAsDays(p);
      if (days === undefined) return fail(`${verb(sign, p)} a Date: it is not a whole number of days`);
      return d.plusDays(sign * days);
    }
    return sign > 0 ? d.plus(p) : d.minus(p);
  }
  if ((d instanceof LocalTime || d instanceof OffsetTime) && p instanceof Period) {
    // java.time refuses days, months and years on a time of day (Unsupported unit), and so does this.
    if (!p.isZero()) return fail(`${verb(sign, p)} a ${typeOf(d)}: a time of day has no days, months or years`);
    return d;
  }
  return sign > 0 ? (d as LocalDateTime).plus(p) : (d as LocalDateTime).minus(p);
}

/** `a + b`: a date/time and a Period in either order, or two periods. */
export function temporalPlus(a: DwValue, b: DwValue): DwValue {
  if (isDated(a) && isPeriod(b)) return shift(a, b, 1);
  if (isPeriod(a) && isDated(b)) return shift(b, a, 1);
  if (isPeriod(a) && isPeriod(b)) return addPeriods(a, b, 1);
  return mismatch('+', a, b);
}

/**
 * `a - b`: a date/time minus a Period (also written Period first, `|P1Y| - |2019-10-01|`, which
 * DataWeave reads the same way), two periods, or the time between two dates of one type.
 */
export function temporalMinus(a: DwValue, b: DwValue): DwValue {
  if (isDated(a) && isPeriod(b)) return shift(a, b, -1);
  if (isPeriod(a) && isDated(b)) return shift(b, a, -1);
  if (isPeriod(a) && isPeriod(b)) return addPeriods(a, b, -1);
  if (isDated(a) && isDated(b) && typeOf(a) === typeOf(b)) return between(b, a);
  return mismatch('-', a, b);
}

/** The time from `from` to `to`, two values of one type, as a Duration. */
function between(from: Dated, to: Dated): Duration {
  if (from instanceof LocalDate) return Duration.ofDays(from.until(to as LocalDate, ChronoUnit.DAYS));
  if (from instanceof OffsetTime) {
    // java.time's OffsetTime.until: both times brought to UTC on one notional day, without wrapping,
    // so 23:59:56-03:00 minus 22:59:56Z is four hours.
    const utcNanos = (t: OffsetTime): number => t.toLocalTime().toNanoOfDay() - t.offset().totalSeconds() * 1e9;
    const diff = utcNanos(to as OffsetTime) - utcNanos(from);
    return Duration.ofSeconds(Math.trunc(diff / 1e9), diff % 1e9);
  }
  return Duration.between(from, to as LocalTime);
}
