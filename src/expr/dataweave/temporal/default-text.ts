/**
 * DataWeave's default text of dates, times, zones and periods: what `as String`, interpolation,
 * the JSON writer and error messages print. Depends on js-joda only, so values/describe.ts can
 * use it.
 */
import { Duration, LocalDate, LocalDateTime, LocalTime, OffsetTime, Period, ZonedDateTime, ZoneId, ZoneOffset } from '@js-joda/core';

/**
 * A time of day as DataWeave writes it: seconds always (`23:57:00`, where js-joda's toString
 * would stop at `23:57`), and a fraction only when there is one, in groups of three digits
 * (`.123`, `.700`, `.123456`), which keeps a fraction as it is usually written.
 */
export function timeText(t: LocalTime): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  let s = `${two(t.hour())}:${two(t.minute())}:${two(t.second())}`;
  const nano = t.nano();
  if (nano !== 0) {
    if (nano % 1_000_000 === 0) s += '.' + String(nano / 1_000_000).padStart(3, '0');
    else if (nano % 1000 === 0) s += '.' + String(nano / 1000).padStart(6, '0');
    else s += '.' + String(nano).padStart(9, '0');
  }
  return s;
}

/**
 * The offset of a date-time or time: `Z` for UTC, `-03:00` otherwise. A DateTime in a region zone
 * is written with its offset only, as DataWeave's writers print `now()` (`…T14:20:14.271-07:00`);
 * the region stays in the value (`.timezone`, the `VV` pattern letter).
 */
function offsetText(o: ZoneOffset): string {
  return o.toString();
}

/** DataWeave's default text of a date, time, zone or period; undefined for other values. */
export function defaultText(v: unknown): string | undefined {
  if (v instanceof LocalDate) return v.toString();
  if (v instanceof LocalDateTime) return `${v.toLocalDate().toString()}T${timeText(v.toLocalTime())}`;
  if (v instanceof ZonedDateTime) return `${v.toLocalDate().toString()}T${timeText(v.toLocalTime())}${offsetText(v.offset())}`;
  if (v instanceof LocalTime) return timeText(v);
  if (v instanceof OffsetTime) return timeText(v.toLocalTime()) + offsetText(v.offset());
  if (v instanceof ZoneId) return v.toString();
  if (v instanceof Period || v instanceof Duration) return v.toString();
  return undefined;
}
