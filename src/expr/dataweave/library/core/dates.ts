import { ChronoUnit, Instant, LocalDate, LocalDateTime, LocalTime, OffsetTime, ZoneId, ZoneOffset, ZonedDateTime } from '@js-joda/core';
import { defineFunction, overload } from '../define.js';
import type { DwValue } from '../../values/model.js';

/** daysBetween, isLeapYear, and what `++` makes of a date and a time or a zone. */

type Dated = LocalDate | ZonedDateTime | LocalDateTime;

function dateOf(v: Dated): LocalDate {
  return v instanceof LocalDate ? v : v.toLocalDate();
}

/** Whole days from one date to the other, negative when `to` comes first; times of day are ignored. */
export const daysBetween = defineFunction('daysBetween', [
  overload('Date | DateTime | LocalDateTime, Date | DateTime | LocalDateTime', (from: Dated, to: Dated) => ChronoUnit.DAYS.between(dateOf(from), dateOf(to))),
  overload('Null, Any', () => null),
  overload('Any, Null', () => null),
]);

export const isLeapYear = defineFunction('isLeapYear', [
  overload('Date | DateTime | LocalDateTime', (d: Dated) => dateOf(d).isLeapYear()),
  overload('Null', () => false),
]);

/** A zone's offset: a fixed one as it is, a region's as it is now (a Time has no date to ask about). */
function offsetOf(zone: ZoneId): ZoneOffset {
  return zone instanceof ZoneOffset ? zone : zone.rules().offset(Instant.now());
}

/**
 * The `++` of two temporal values, in either order: Date ++ LocalTime is a LocalDateTime,
 * Date ++ Time a DateTime, Date ++ TimeZone a DateTime at midnight, LocalDateTime ++ TimeZone a
 * DateTime, LocalTime ++ TimeZone a Time. Undefined when the pair is not one of these.
 */
export function concatTemporal(a: DwValue, b: DwValue): DwValue | undefined {
  const pair = (x: DwValue, y: DwValue): DwValue | undefined => {
    if (x instanceof LocalDate) {
      if (y instanceof LocalTime) return LocalDateTime.of(x, y);
      if (y instanceof OffsetTime) return ZonedDateTime.of(LocalDateTime.of(x, y.toLocalTime()), y.offset());
      if (isZone(y)) return ZonedDateTime.of(LocalDateTime.of(x, LocalTime.MIDNIGHT), y);
    }
    if (x instanceof LocalDateTime && isZone(y)) return ZonedDateTime.of(x, y);
    if (x instanceof LocalTime && isZone(y)) return OffsetTime.of(x, offsetOf(y));
    return undefined;
  };
  return pair(a, b) ?? pair(b, a);
}

function isZone(v: DwValue): v is ZoneId {
  return v instanceof ZoneId;
}
