/**
 * `++` between date parts, and `>>`. DataWeave builds the richer type from its parts: a Date and a
 * LocalTime make a LocalDateTime, a Date and a Time (which has an offset) a DateTime, a
 * LocalDateTime and a TimeZone a DateTime, a LocalTime and a TimeZone a Time; in either order.
 */
import { LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime, ZoneId } from '@js-joda/core';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { offsetNow, toZone } from './zones.js';

function pair(a: DwValue, b: DwValue): DwValue | undefined {
  if (a instanceof LocalDate && b instanceof LocalTime) return LocalDateTime.of(a, b);
  if (a instanceof LocalDate && b instanceof OffsetTime) return ZonedDateTime.of(LocalDateTime.of(a, b.toLocalTime()), b.offset());
  if (a instanceof LocalDateTime && b instanceof ZoneId) return ZonedDateTime.of(a, b);
  // A time of day has no date to choose a region's offset by: the region's offset now stands in.
  if (a instanceof LocalTime && b instanceof ZoneId) return OffsetTime.of(a, offsetNow(b));
  return undefined;
}

/** `a ++ b` when both are date parts that make a date; undefined when the pair is not temporal. */
export function temporalConcat(a: DwValue, b: DwValue): DwValue | undefined {
  return pair(a, b) ?? pair(b, a);
}

/** `dt >> zone`: the same instant seen in another zone (a TimeZone, or a String naming one). */
export function temporalShift(v: DwValue, zone: DwValue): DwValue {
  const z = toZone(zone);
  if (v instanceof ZonedDateTime) return v.withZoneSameInstant(z);
  if (v instanceof OffsetTime) return v.withOffsetSameInstant(offsetNow(z));
  return fail(
    `You called the function '>>' with these arguments:\n  1: ${describe(v)}\n  2: ${describe(zone)}\n\nBut it expects one of these combinations:\n  (DateTime, TimeZone)`,
  );
}
