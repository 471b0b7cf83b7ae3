import { describe, expect, it } from 'vitest';
import { Duration, Period, ZonedDateTime } from '@js-joda/core';
import { temporalLiteral } from '../../../../src/expr/dataweave/temporal/index.js';
import { typeOf } from '../../../../src/expr/dataweave/values/model.js';
import { temporalType } from '../../../../src/expr/dataweave/tokens.js';
import { lit, text } from './helpers.js';

describe('DataWeave date literals', () => {
  it.each([
    ['2003-10-01', 'Date', '2003-10-01'],
    ['2003-10-01T23:57:59Z', 'DateTime', '2003-10-01T23:57:59Z'],
    ['2003-10-01T23:57:59-03:00', 'DateTime', '2003-10-01T23:57:59-03:00'],
    ['2003-10-01T23:57:59+0530', 'DateTime', '2003-10-01T23:57:59+05:30'],
    ['2003-10-01T23:57:59.123Z', 'DateTime', '2003-10-01T23:57:59.123Z'],
    ['2003-10-01T23:57:59.7Z', 'DateTime', '2003-10-01T23:57:59.700Z'],
    ['2003-10-01T23:57:59.123456-03:00', 'DateTime', '2003-10-01T23:57:59.123456-03:00'],
    ['2003-10-01T23:57:59-03:00[America/Argentina/Buenos_Aires]', 'DateTime', '2003-10-01T23:57:59-03:00'],
    ['2003-10-01T23:57[Europe/Paris]', 'DateTime', '2003-10-01T23:57:00+02:00'],
    ['2003-10-01T23:57:59', 'LocalDateTime', '2003-10-01T23:57:59'],
    ['2003-10-01T23:57', 'LocalDateTime', '2003-10-01T23:57:00'],
    ['2024-01-31T10:00:00.123', 'LocalDateTime', '2024-01-31T10:00:00.123'],
    ['23:57:59', 'LocalTime', '23:57:59'],
    ['23:57', 'LocalTime', '23:57:00'],
    ['23:57:59.700', 'LocalTime', '23:57:59.700'],
    ['23:57:59Z', 'Time', '23:57:59Z'],
    ['23:57:59-03:00', 'Time', '23:57:59-03:00'],
    ['-08:00', 'TimeZone', '-08:00'],
    ['+03:00', 'TimeZone', '+03:00'],
    ['Z', 'TimeZone', 'Z'],
    ['America/Argentina/Buenos_Aires', 'TimeZone', 'America/Argentina/Buenos_Aires'],
    ['P1Y2M', 'Period', 'P1Y2M'],
    ['P2Y9M1D', 'Period', 'P2Y9M1D'],
    ['P3W', 'Period', 'P21D'],
    ['PT9M', 'Period', 'PT9M'],
    ['PT5H4M3S', 'Period', 'PT5H4M3S'],
    ['PT30.5S', 'Period', 'PT30.5S'],
    ['P1DT2H', 'Period', 'PT26H'],
    ['-P1D', 'Period', 'P-1D'],
  ])('|%s| is a %s written %s', (src, type, out) => {
    const v = lit(src);
    expect(typeOf(v)).toBe(type);
    expect(text(v)).toBe(out);
  });

  it('agrees with the lexer on the type of every literal it recognises', () => {
    for (const src of ['2003-10-01', '2003-10-01T23:57:59Z', '2003-10-01T23:57:59', '23:57:59', '23:57:59-03:00', '-08:00', 'P1Y2M', 'PT9M', 'P1DT2H']) {
      const type = temporalType(src)!;
      expect(typeOf(temporalLiteral(type, src))).toBe(type);
    }
  });

  it('keeps the region of a DateTime literal', () => {
    const v = lit('2003-10-01T23:57:59-03:00[America/Argentina/Buenos_Aires]') as ZonedDateTime;
    expect(v.zone().toString()).toBe('America/Argentina/Buenos_Aires');
  });

  it('keeps the instant when the written offset and the region disagree', () => {
    const v = lit('2003-10-01T23:57:59+00:00[America/Argentina/Buenos_Aires]') as ZonedDateTime;
    expect(text(v)).toBe('2003-10-01T20:57:59-03:00');
  });

  it('reads a date-based period as a Period and a time-based one as a Duration', () => {
    expect(lit('P1Y')).toBeInstanceOf(Period);
    expect(lit('PT1H')).toBeInstanceOf(Duration);
    expect(lit('P1DT2H')).toBeInstanceOf(Duration);
  });

  it.each([
    ['2020-13-01', 'Date', "Invalid date literal |2020-13-01|: Text '2020-13-01' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13"],
    ['2020-02-30', 'Date', "Invalid date literal |2020-02-30|: Text '2020-02-30' could not be parsed: Invalid date 'FEBRUARY 30'"],
    ['25:00:00', 'LocalTime', "Invalid date literal |25:00:00|: Text '25:00:00' could not be parsed: Invalid value for HourOfDay (valid values 0 - 23): 25"],
    ['10:61', 'LocalTime', 'Invalid value for MinuteOfHour (valid values 0 - 59): 61'],
    ['2020-01-01T10:00:00+19:00', 'DateTime', 'Invalid date literal |2020-01-01T10:00:00+19:00|'],
    ['Mars/Olympus', 'TimeZone', 'Invalid date literal |Mars/Olympus|: not a TimeZone'],
    ['P1MT2H', 'Period', 'Invalid Period |P1MT2H|'],
  ] as const)('rejects |%s| as %s', (src, type, message) => {
    expect(() => temporalLiteral(type, src)).toThrow(message);
  });
});
