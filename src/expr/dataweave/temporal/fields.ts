/**
 * Date selectors (`d.year`, `t.minutes`, `p.days` …): the parts of a value, as DataWeave names
 * them. A selector a type does not have (`|2020-01-01|.hour`) is undefined, for the caller to
 * report or turn into null.
 */
import { Duration, IsoFields, LocalDate, LocalDateTime, LocalTime, OffsetTime, Period, ZonedDateTime } from '@js-joda/core';
import type { DwValue } from '../values/model.js';
import { durationParts } from './period.js';

function dateField(d: LocalDate, name: string): DwValue | undefined {
  switch (name) {
    case 'year':
      return d.year();
    case 'month':
      return d.monthValue();
    case 'day':
      return d.dayOfMonth();
    case 'dayOfWeek':
      // ISO numbering, Monday 1 to Sunday 7 (|2003-10-01| is a Wednesday: 3).
      return d.dayOfWeek().value();
    case 'dayOfYear':
      return d.dayOfYear();
    case 'quarter':
      return d.get(IsoFields.QUARTER_OF_YEAR);
    case 'weekOfYear':
      return d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }
  return undefined;
}

function timeField(t: LocalTime, name: string): DwValue | undefined {
  switch (name) {
    case 'hour':
      return t.hour();
    case 'minutes':
      return t.minute();
    case 'seconds':
      return t.second();
    case 'nanoseconds':
      return t.nano();
    case 'milliseconds':
      return Math.floor(t.nano() / 1_000_000);
  }
  return undefined;
}

function periodField(p: Period | Duration, name: string): DwValue | undefined {
  if (p instanceof Period) {
    const parts: Record<string, number> = { years: p.years(), months: p.months(), days: p.days(), hours: 0, minutes: 0, seconds: 0 };
    return own(parts, name);
  }
  // A time-based Period shows the parts it is made of: PT107H28M has days 4, hours 11, minutes 28.
  const d = durationParts(p);
  const parts: Record<string, number> = { years: 0, months: 0, days: d.days, hours: d.hours, minutes: d.minutes, seconds: d.seconds };
  return own(parts, name);
}

function own(parts: Record<string, number>, name: string): number | undefined {
  return Object.prototype.hasOwnProperty.call(parts, name) ? parts[name] : undefined;
}

/** The named part of a date, time or period; undefined when `v` has no such part. */
export function temporalField(v: DwValue, name: string): DwValue | undefined {
  if (v instanceof LocalDate) return dateField(v, name);
  if (v instanceof LocalTime) return timeField(v, name);
  if (v instanceof LocalDateTime) return dateField(v.toLocalDate(), name) ?? timeField(v.toLocalTime(), name);
  if (v instanceof ZonedDateTime) {
    if (name === 'offsetSeconds') return v.offset().totalSeconds();
    if (name === 'timezone') return v.zone();
    return dateField(v.toLocalDate(), name) ?? timeField(v.toLocalTime(), name);
  }
  if (v instanceof OffsetTime) {
    if (name === 'offsetSeconds') return v.offset().totalSeconds();
    if (name === 'timezone') return v.offset();
    return timeField(v.toLocalTime(), name);
  }
  if (v instanceof Period || v instanceof Duration) return periodField(v, name);
  return undefined;
}
