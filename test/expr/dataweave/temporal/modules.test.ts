import { describe, expect, it } from 'vitest';
import { LocalDate } from '@js-joda/core';
import { temporalField, temporalMinus, temporalPlus } from '../../../../src/expr/dataweave/temporal/index.js';
import { DATES } from '../../../../src/expr/dataweave/temporal/modules/dates.js';
import { PERIODS } from '../../../../src/expr/dataweave/temporal/modules/periods.js';
import { systemZone } from '../../../../src/expr/dataweave/temporal/zones.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { typeOf } from '../../../../src/expr/dataweave/values/model.js';
import { lit, text } from './helpers.js';

const call = (table: typeof DATES, name: string, ...args: DwValue[]): DwValue => table[name]!(...args);

describe('dw::core::Dates', () => {
  // The module's documented examples.
  it.each([
    ['date', { year: 2010, month: 10, day: 1 }, 'Date', '2010-10-01'],
    ['dateTime', { year: 2012, month: 10, day: 11, hour: 12, minutes: 30, seconds: 40, timeZone: lit('-03:00') }, 'DateTime', '2012-10-11T12:30:40-03:00'],
    [
      'dateTime',
      { year: 2012, month: 10, day: 11, hour: 12, minutes: 30, seconds: 40.5, timeZone: 'America/New_York' },
      'DateTime',
      '2012-10-11T12:30:40.500-04:00',
    ],
    ['dateTime', { year: 2012, month: 10, day: 11 }, 'DateTime', '2012-10-11T00:00:00Z'],
    ['localDateTime', { year: 2012, month: 10, day: 11, hour: 12, minutes: 30, seconds: 40 }, 'LocalDateTime', '2012-10-11T12:30:40'],
    ['localTime', { hour: 12, minutes: 30, seconds: 40 }, 'LocalTime', '12:30:40'],
    ['localTime', { hour: 12, minutes: 30, seconds: 59.99 }, 'LocalTime', '12:30:59.990'],
    ['time', { hour: 12, minutes: 30, seconds: 40, timeZone: lit('-03:00') }, 'Time', '12:30:40-03:00'],
    ['time', { hour: 12 }, 'Time', '12:00:00Z'],
  ])('%s(%j)', (name, parts, type, out) => {
    const v = call(DATES, name, parts as DwValue);
    expect(typeOf(v)).toBe(type);
    expect(text(v)).toBe(out);
  });

  it.each([
    ['atBeginningOfDay', '2020-10-06T18:23:20.351-03:00', '2020-10-06T00:00:00-03:00'],
    ['atBeginningOfDay', '2020-10-06T18:23:20.351', '2020-10-06T00:00:00'],
    ['atBeginningOfHour', '2020-10-06T18:23:20.351-03:00', '2020-10-06T18:00:00-03:00'],
    ['atBeginningOfHour', '2020-10-06T18:23:20.351', '2020-10-06T18:00:00'],
    ['atBeginningOfHour', '18:23:20.351', '18:00:00'],
    ['atBeginningOfHour', '18:23:20.351-03:00', '18:00:00-03:00'],
    ['atBeginningOfWeek', '2020-10-06T18:23:20.351-03:00', '2020-10-04T00:00:00-03:00'],
    ['atBeginningOfWeek', '2020-10-06T18:23:20.351', '2020-10-04T00:00:00'],
    ['atBeginningOfWeek', '2020-10-06', '2020-10-04'],
    ['atBeginningOfWeek', '2020-10-04', '2020-10-04'],
    ['atBeginningOfMonth', '2020-10-06T18:23:20.351-03:00', '2020-10-01T00:00:00-03:00'],
    ['atBeginningOfMonth', '2020-10-06T18:23:20.351', '2020-10-01T00:00:00'],
    ['atBeginningOfMonth', '2020-10-06', '2020-10-01'],
    ['atBeginningOfYear', '2020-10-06T18:23:20.351-03:00', '2020-01-01T00:00:00-03:00'],
    ['atBeginningOfYear', '2020-10-06T18:23:20.351', '2020-01-01T00:00:00'],
    ['atBeginningOfYear', '2020-10-06', '2020-01-01'],
  ])('%s(|%s|) is |%s|', (name, src, out) => {
    expect(text(call(DATES, name, lit(src)))).toBe(out);
  });

  it('keeps the zone of a DateTime in a region at the beginning of its day', () => {
    const v = call(DATES, 'atBeginningOfDay', lit('2020-10-06T18:23:20-04:00[America/New_York]'));
    expect(text(temporalField(v, 'timezone')!)).toBe('America/New_York');
    expect(text(v)).toBe('2020-10-06T00:00:00-04:00');
  });

  it('gives today, tomorrow and yesterday in the machine zone', () => {
    const today = call(DATES, 'today') as LocalDate;
    expect(typeOf(today)).toBe('Date');
    const clock = LocalDate.now(systemZone());
    // Tolerates a run across midnight.
    expect(Math.abs(today.toEpochDay() - clock.toEpochDay())).toBeLessThanOrEqual(1);
    expect((call(DATES, 'tomorrow') as LocalDate).toEpochDay() - (call(DATES, 'today') as LocalDate).toEpochDay()).toBeGreaterThanOrEqual(1);
    expect((call(DATES, 'today') as LocalDate).toEpochDay() - (call(DATES, 'yesterday') as LocalDate).toEpochDay()).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [() => call(DATES, 'date', { year: 2020, month: 13, day: 1 }), 'date: Invalid value for MonthOfYear (valid values 1 - 12): 13'],
    [() => call(DATES, 'date', { year: 2021, month: 2, day: 29 }), "date: Invalid date 'February 29' as '2021' is not a leap year"],
    [() => call(DATES, 'date', { year: 2020.5 }), 'date: year must be a whole number'],
    [() => call(DATES, 'date', { year: '2020' }), "date: the field 'year' must be a Number"],
    [() => call(DATES, 'localTime', { hour: 24 }), 'localTime: Invalid value for HourOfDay'],
    [() => call(DATES, 'dateTime', { timeZone: 'Mars/Olympus' }), 'Cannot coerce String ("Mars/Olympus") to TimeZone'],
    [() => call(DATES, 'date', '2020-01-01'), "You called the function 'date' with these arguments"],
    [() => call(DATES, 'atBeginningOfDay', lit('2020-01-01')), "You called the function 'atBeginningOfDay'"],
  ])('reports bad parts (%#)', (f, message) => {
    expect(f).toThrow(message);
  });
});

describe('dw::core::Periods', () => {
  it.each([
    ['years', 2, 'P2Y'],
    ['months', 6, 'P6M'],
    ['days', 14, 'P14D'],
    ['days', 1.5, 'PT36H'],
    ['hours', 4, 'PT4H'],
    ['hours', 1.5, 'PT1H30M'],
    ['minutes', 30, 'PT30M'],
    ['minutes', -1, 'PT-1M'],
    ['seconds', 30.5, 'PT30.5S'],
    ['seconds', 3600, 'PT1H'],
  ])('%s(%d) is |%s|', (name, n, out) => {
    expect(text(call(PERIODS, name, n))).toBe(out);
  });

  // The documented examples of duration and period.
  it('builds durations from parts', () => {
    const at = lit('2020-10-05T20:22:34.385Z');
    const duration = (o: object): DwValue => call(PERIODS, 'duration', o as DwValue);
    expect(text(temporalPlus(at, duration({ days: 1 })))).toBe('2020-10-06T20:22:34.385Z');
    expect(text(temporalMinus(at, duration({ days: 1, hours: 1 })))).toBe('2020-10-04T19:22:34.385Z');
    expect(text(temporalMinus(at, duration({ days: 1, hours: 1, minutes: 20, seconds: 10 })))).toBe('2020-10-04T19:02:24.385Z');
    expect(text(duration({}))).toBe('PT0S');
    expect(text(duration({ days: 4, hours: 11, minutes: 28 }))).toBe('PT107H28M');
    expect(temporalField(duration({ days: 4, hours: 11, minutes: 28 }), 'hours')).toBe(11);
    expect(text(duration({ seconds: 30.5 }))).toBe('PT30.5S');
    expect(text(temporalPlus(duration({ minutes: 1 }), duration({ seconds: -1 })))).toBe('PT59S');
  });

  it('builds periods from parts', () => {
    const period = (o: object): DwValue => call(PERIODS, 'period', o as DwValue);
    expect(text(period({ years: 1, months: 2, days: 3 }))).toBe('P1Y2M3D');
    expect(text(period({}))).toBe('P0D');
    expect(text(temporalPlus(lit('2020-01-31'), period({ months: 1 })))).toBe('2020-02-29');
    expect(() => period({ years: 1.5 })).toThrow('period: years must be a whole number');
  });

  it.each([
    ['2011-12-11', '2010-12-12', 'P11M29D'],
    ['2020-03-01', '2020-01-31', 'P1M1D'],
    ['2020-01-01', '2021-06-15', 'P-1Y-5M-14D'],
    ['2020-01-01', '2020-01-01', 'P0D'],
  ])('between(|%s|, |%s|) is |%s|', (end, start, out) => {
    expect(text(call(PERIODS, 'between', lit(end), lit(start)))).toBe(out);
  });

  it('refuses fractional years and months', () => {
    expect(() => call(PERIODS, 'years', 1.5)).toThrow('years: the number of years must be a whole number');
    expect(() => call(PERIODS, 'months', 0.5)).toThrow('months: the number of months must be a whole number');
    expect(() => call(PERIODS, 'days', 'x')).toThrow("You called the function 'days'");
  });
});
