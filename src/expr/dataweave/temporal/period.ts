/**
 * DataWeave's Period is one type over two java.time classes: a date-based js-joda Period (`P1Y2M`,
 * `P3D`) and a time-based Duration (`PT9M`). A text with both days and a time part (`P1DT2H`) is a
 * Duration of 26 hours, as java.time's Duration.parse reads it: days there are exact 24-hour days.
 * Years or months next to a time part (`P1MT2H`) fit neither class and are refused.
 */
import { Duration, Period } from '@js-joda/core';
import { fail } from '../values/eval-error.js';

export type DwPeriod = Period | Duration;

export function isPeriod(v: unknown): v is DwPeriod {
  return v instanceof Period || v instanceof Duration;
}

const PERIOD =
  /^([-+]?)P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+(?:[.,]\d{0,9})?)S)?)?$/i;

/** A Period from ISO-8601 text, or undefined when the text is not one. */
export function parsePeriod(text: string): DwPeriod | undefined {
  const m = PERIOD.exec(text.trim());
  if (!m || text.trim().toUpperCase().endsWith('T') || !/\d/.test(text)) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const n = (i: number): number => (m[i] ? Number(m[i]) : 0);
  const timePart = m[6] !== undefined || m[7] !== undefined || m[8] !== undefined;
  if (!timePart) return Period.of(sign * n(2), sign * n(3), sign * (n(4) * 7 + n(5)));
  if (m[2] !== undefined || m[3] !== undefined) {
    return fail(`Invalid Period |${text}|: years or months next to hours, minutes or seconds are not supported (write them as two periods)`);
  }
  const secText = (m[8] ?? '0').replace(',', '.');
  const [whole, frac = ''] = secText.split('.');
  const secs = Number(whole);
  let nanos = Number(frac.padEnd(9, '0'));
  if (secText.startsWith('-')) nanos = -nanos;
  const total = Duration.ofDays(n(4) * 7 + n(5))
    .plusHours(n(6))
    .plusMinutes(n(7))
    .plusSeconds(secs)
    .plusNanos(nanos);
  return sign < 0 ? total.negated() : total;
}

/** A Duration as the days, hours, minutes and seconds it is made of (`.days`, `.hours` … of a time-based Period). */
export function durationParts(d: Duration): { days: number; hours: number; minutes: number; seconds: number } {
  const total = d.seconds();
  const sign = total < 0 ? -1 : 1;
  let rest = Math.abs(total);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { days: sign * days, hours: sign * hours, minutes: sign * minutes, seconds: sign * (rest - minutes * 60) };
}

/** A date-based Period as a Duration of exact days, when it has no years or months to make that ambiguous. */
export function periodAsDuration(p: Period): Duration | undefined {
  return p.years() === 0 && p.months() === 0 ? Duration.ofDays(p.days()) : undefined;
}

/** A Duration as a Period of whole days, when it is one (adding `PT48H` to a Date). */
export function durationAsDays(d: Duration): number | undefined {
  return d.nano() === 0 && d.seconds() % 86400 === 0 ? d.seconds() / 86400 : undefined;
}

/** `p1 + p2` and `p1 - p2` over both representations. */
export function addPeriods(a: DwPeriod, b: DwPeriod, sign: 1 | -1): DwPeriod {
  if (a instanceof Period && b instanceof Period) return sign > 0 ? a.plus(b) : a.minus(b);
  if (a instanceof Duration && b instanceof Duration) return sign > 0 ? a.plus(b) : a.minus(b);
  const da = a instanceof Duration ? a : periodAsDuration(a);
  const db = b instanceof Duration ? b : periodAsDuration(b);
  if (!da || !db)
    return fail(
      `Cannot ${sign > 0 ? 'add' : 'subtract'} |${b.toString()}| ${sign > 0 ? 'to' : 'from'} |${a.toString()}|: a period with years or months cannot be combined with hours, minutes or seconds`,
    );
  return sign > 0 ? da.plus(db) : da.minus(db);
}
