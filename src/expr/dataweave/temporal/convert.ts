/**
 * Conversions between the date types (`dt as Date`, `d as DateTime` …) and to and from numbers
 * (`dt as Number`, `1507766400 as DateTime`). What a type lacks is filled in as DataWeave fills it:
 * midnight for a Date's time, the machine's zone for a local value's zone.
 */
import { Duration, Instant, LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime, ZoneOffset } from '@js-joda/core';
import type { TemporalType } from '../ast.js';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { typeOf } from '../values/model.js';
import type { Num } from '../values/numbers.js';
import { decimal, isNum, normalize } from '../values/numbers.js';
import { offsetNow, systemZone } from './zones.js';

function cannot(v: DwValue, type: string): never {
  return fail(`Cannot coerce ${describe(v)} to ${type}`);
}

/** `v as type` between date types; the value itself when it already is of that type. */
export function convertTemporal(v: DwValue, type: TemporalType): DwValue {
  if (typeOf(v) === type) return v;
  if (v instanceof ZonedDateTime) {
    switch (type) {
      case 'Date':
        return v.toLocalDate();
      case 'LocalDateTime':
        return v.toLocalDateTime();
      case 'LocalTime':
        return v.toLocalTime();
      case 'Time':
        return OffsetTime.of(v.toLocalTime(), v.offset());
      case 'TimeZone':
        return v.zone();
    }
  }
  if (v instanceof LocalDateTime) {
    switch (type) {
      case 'Date':
        return v.toLocalDate();
      case 'LocalTime':
        return v.toLocalTime();
      case 'DateTime':
        return ZonedDateTime.of(v, systemZone());
      case 'Time':
        return OffsetTime.of(v.toLocalTime(), ZonedDateTime.of(v, systemZone()).offset());
    }
  }
  if (v instanceof LocalDate) {
    switch (type) {
      case 'DateTime':
        return v.atStartOfDay(systemZone());
      case 'LocalDateTime':
        return v.atStartOfDay();
    }
  }
  if (v instanceof OffsetTime) {
    switch (type) {
      case 'LocalTime':
        return v.toLocalTime();
      case 'TimeZone':
        return v.offset();
    }
  }
  if (v instanceof LocalTime && type === 'Time') return OffsetTime.of(v, offsetNow(systemZone()));
  return cannot(v, type);
}

const UNITS: Record<string, number> = { seconds: 1, milliseconds: 1000 };

function unitScale(unit: string | undefined): number {
  const u = unit ?? 'seconds';
  const scale = UNITS[u];
  if (scale === undefined) return fail(`Invalid unit "${u}": expected "seconds" or "milliseconds"`);
  return scale;
}

/** `dt as Number {unit}`: the instant as seconds (or milliseconds) since 1970-01-01T00:00:00Z, truncated. */
export function temporalToNumber(v: DwValue, unit?: string): DwValue {
  const scale = unitScale(unit);
  let instant: Instant | undefined;
  if (v instanceof ZonedDateTime) instant = v.toInstant();
  else if (v instanceof LocalDateTime) instant = v.atZone(systemZone()).toInstant();
  else if (v instanceof LocalDate) instant = v.atStartOfDay(systemZone()).toInstant();
  if (!instant) {
    // A time-based Period counts its seconds (or milliseconds), as DataWeave's Period as Number does.
    if (v instanceof Duration) return scale === 1 ? v.seconds() : v.toMillis();
    return cannot(v, 'Number');
  }
  return scale === 1 ? instant.epochSecond() : instant.toEpochMilli();
}

/** `n as DateTime {unit}`: the instant n seconds (or milliseconds) after the epoch, in UTC. */
export function numberToTemporal(n: DwValue, type: TemporalType, unit?: string): DwValue {
  if (!isNum(n)) return cannot(n, type);
  const scale = unitScale(unit);
  const d = decimal(n as Num);
  if (!d.isFinite()) return cannot(n, type);
  const secs = d.div(scale).floor();
  const nanos = d
    .minus(secs.times(scale))
    .times(1e9 / scale)
    .floor();
  let dt: ZonedDateTime;
  try {
    dt = ZonedDateTime.ofInstant(Instant.ofEpochSecond(secs.toNumber(), nanos.toNumber()), ZoneOffset.UTC);
  } catch (e) {
    return fail(`Cannot coerce Number (${String(normalize(d))}) to ${type}, caused by: ${(e as Error).message.split('\n')[0]}`);
  }
  return type === 'DateTime' ? dt : convertTemporal(dt, type);
}

/** `now()`: this instant in the machine's zone. */
export function now(): ZonedDateTime {
  return ZonedDateTime.now(systemZone());
}
