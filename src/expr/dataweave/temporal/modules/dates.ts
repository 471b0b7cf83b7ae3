/**
 * dw::core::Dates (DataWeave 2.4): dates built from their parts, today/tomorrow/yesterday in the
 * machine's zone, and the beginning of a day, hour, week (Sunday, as the module documents), month
 * or year. A part left out of a factory object takes the module's default: 1970-01-01, midnight, UTC.
 */
import { DayOfWeek, LocalDate, LocalDateTime, LocalTime, OffsetTime, TemporalAdjusters, ZonedDateTime, ZoneId, ZoneOffset } from '@js-joda/core';
import type { FunctionTable } from '../../library/define.js';
import { defineFunction, overload } from '../../library/define.js';
import { fail } from '../../values/eval-error.js';
import type { DwObjectLike } from '../../values/model.js';
import { field } from '../../values/model.js';
import { reason } from '../text.js';
import { offsetNow, systemZone, toZone } from '../zones.js';
import { numberField, secondsAndNanos, whole } from './factory.js';

/** Builds a value with java.time's range checks, reported in the function's name. */
function build<T>(fn: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    return fail(`${fn}: ${reason(e)}`);
  }
}

function dateOf(fn: string, o: DwObjectLike): LocalDate {
  const y = whole(fn, 'year', numberField(fn, o, 'year', 1970));
  const m = whole(fn, 'month', numberField(fn, o, 'month', 1));
  const d = whole(fn, 'day', numberField(fn, o, 'day', 1));
  return build(fn, () => LocalDate.of(y, m, d));
}

function timeOf(fn: string, o: DwObjectLike): LocalTime {
  const h = whole(fn, 'hour', numberField(fn, o, 'hour', 0));
  const min = whole(fn, 'minutes', numberField(fn, o, 'minutes', 0));
  const [s, nanos] = secondsAndNanos(numberField(fn, o, 'seconds', 0));
  return build(fn, () => LocalTime.of(h, min, s, nanos));
}

function zoneOf(o: DwObjectLike): ZoneId {
  const z = field(o, 'timeZone');
  return z === undefined || z === null ? ZoneOffset.UTC : toZone(z);
}

/** The first instant of a date in a zone (not always midnight, where a zone skips it). */
function startOf(d: LocalDate, dt: ZonedDateTime): ZonedDateTime {
  return d.atStartOfDay(dt.zone());
}

const sunday = TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY);

export const DATES: FunctionTable = {
  date: defineFunction('date', [overload('Object', (o: DwObjectLike) => dateOf('date', o))]),
  dateTime: defineFunction('dateTime', [
    overload('Object', (o: DwObjectLike) => ZonedDateTime.of(LocalDateTime.of(dateOf('dateTime', o), timeOf('dateTime', o)), zoneOf(o))),
  ]),
  localDateTime: defineFunction('localDateTime', [
    overload('Object', (o: DwObjectLike) => LocalDateTime.of(dateOf('localDateTime', o), timeOf('localDateTime', o))),
  ]),
  localTime: defineFunction('localTime', [overload('Object', (o: DwObjectLike) => timeOf('localTime', o))]),
  time: defineFunction('time', [
    overload('Object', (o: DwObjectLike) => {
      // A region has no single offset without a date: its offset now stands in, as for `++`.
      return OffsetTime.of(timeOf('time', o), offsetNow(zoneOf(o)));
    }),
  ]),
  today: defineFunction('today', [overload('', () => LocalDate.now(systemZone()))]),
  tomorrow: defineFunction('tomorrow', [overload('', () => LocalDate.now(systemZone()).plusDays(1))]),
  yesterday: defineFunction('yesterday', [overload('', () => LocalDate.now(systemZone()).minusDays(1))]),
  atBeginningOfDay: defineFunction('atBeginningOfDay', [
    overload('DateTime', (dt: ZonedDateTime) => startOf(dt.toLocalDate(), dt)),
    overload('LocalDateTime', (dt: LocalDateTime) => dt.toLocalDate().atStartOfDay()),
  ]),
  atBeginningOfHour: defineFunction('atBeginningOfHour', [
    overload('DateTime', (dt: ZonedDateTime) => dt.withMinute(0).withSecond(0).withNano(0)),
    overload('LocalDateTime', (dt: LocalDateTime) => dt.withMinute(0).withSecond(0).withNano(0)),
    overload('LocalTime', (t: LocalTime) => t.withMinute(0).withSecond(0).withNano(0)),
    overload('Time', (t: OffsetTime) => t.withMinute(0).withSecond(0).withNano(0)),
  ]),
  atBeginningOfWeek: defineFunction('atBeginningOfWeek', [
    overload('DateTime', (dt: ZonedDateTime) => startOf(dt.toLocalDate().with(sunday), dt)),
    overload('LocalDateTime', (dt: LocalDateTime) => dt.toLocalDate().with(sunday).atStartOfDay()),
    overload('Date', (d: LocalDate) => d.with(sunday)),
  ]),
  atBeginningOfMonth: defineFunction('atBeginningOfMonth', [
    overload('DateTime', (dt: ZonedDateTime) => startOf(dt.toLocalDate().withDayOfMonth(1), dt)),
    overload('LocalDateTime', (dt: LocalDateTime) => dt.toLocalDate().withDayOfMonth(1).atStartOfDay()),
    overload('Date', (d: LocalDate) => d.withDayOfMonth(1)),
  ]),
  atBeginningOfYear: defineFunction('atBeginningOfYear', [
    overload('DateTime', (dt: ZonedDateTime) => startOf(dt.toLocalDate().withDayOfYear(1), dt)),
    overload('LocalDateTime', (dt: LocalDateTime) => dt.toLocalDate().withDayOfYear(1).atStartOfDay()),
    overload('Date', (d: LocalDate) => d.withDayOfYear(1)),
  ]),
};
