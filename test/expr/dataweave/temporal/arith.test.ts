import { describe, expect, it } from 'vitest';
import { parseTemporal, temporalConcat, temporalMinus, temporalPlus, temporalShift } from '../../../../src/expr/dataweave/temporal/index.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { typeOf } from '../../../../src/expr/dataweave/values/model.js';
import { lit, text } from './helpers.js';

const plus = (a: string, b: string): string => text(temporalPlus(lit(a), lit(b)));
const minus = (a: string, b: string): string => text(temporalMinus(lit(a), lit(b)));

describe('date arithmetic', () => {
  // The cookbook's "Add and Subtract Time", output for output.
  it.each([
    ['2019-10-01T23:57:59Z', '-', 'P1D', '2019-09-30T23:57:59Z'],
    ['2019-10-01T23:57:59Z', '-', 'P3D', '2019-09-28T23:57:59Z'],
    ['2019-10-01', '-', 'P1Y', '2018-10-01'],
    ['P1Y', '-', '2019-10-01', '2018-10-01'],
    ['2019-10-01T23:57:59Z', '-', 'P1Y', '2018-10-01T23:57:59Z'],
    ['2019-10-01T23:57:59Z', '+', 'P1Y', '2020-10-01T23:57:59Z'],
    ['2019-10-01T23:57:59', '-', 'P1Y', '2018-10-01T23:57:59'],
    ['PT9M', '-', '23:59:56', '23:50:56'],
    ['23:59:56', '+', 'PT9M', '00:08:56'],
    ['23:59:56-03:00', '-', 'PT9M', '23:50:56-03:00'],
    ['23:59:56-03:00', '-', '22:59:56-03:00', 'PT1H'],
    ['23:59:56-03:00', '-', '22:59:56-00:00', 'PT4H'],
    ['23:59:56', '-', '22:59:56', 'PT1H'],
    ['2019-10-01', '-', '2018-09-23', 'PT8952H'],
    ['2019-10-01T23:57:59Z', '-', '2018-10-01T23:57:59Z', 'PT8760H'],
    ['2019-10-01T23:57:59', '-', '2018-10-01T23:57:59', 'PT8760H'],
  ])('|%s| %s |%s| is %s', (a, op, b, out) => {
    expect(op === '+' ? plus(a, b) : minus(a, b)).toBe(out);
  });

  it("chains periods on a LocalDateTime (the cookbook's k)", () => {
    const k = temporalPlus(temporalMinus(temporalMinus(lit('2019-10-01T23:57:59'), lit('P2Y9M1D')), lit('PT57M59S')), lit('PT2H'));
    expect(text(k)).toBe('2017-01-01T01:00:00');
  });

  it.each([
    ['2020-01-31', 'P1M', '2020-02-29'],
    ['2021-01-31', 'P1M', '2021-02-28'],
    ['2020-02-29', 'P1Y', '2021-02-28'],
    ['2020-12-31', 'P1D', '2021-01-01'],
    ['2020-01-01', 'P2W', '2020-01-15'],
    ['2020-01-01', 'PT48H', '2020-01-03'],
    ['2020-01-01T10:00:00', 'PT36H', '2020-01-02T22:00:00'],
    ['2020-01-31T10:00:00Z', 'P1M', '2020-02-29T10:00:00Z'],
    ['2020-01-01T23:00:00-03:00', 'PT2H', '2020-01-02T01:00:00-03:00'],
    ['10:00:00', 'PT15H', '01:00:00'],
    ['10:00:00Z', 'PT1.5S', '10:00:01.500Z'],
    ['P1Y', 'P2M', 'P1Y2M'],
    ['PT1H', 'PT30M', 'PT1H30M'],
    ['P1D', 'PT1H', 'PT25H'],
  ])('|%s| + |%s| is %s', (a, b, out) => {
    expect(plus(a, b)).toBe(out);
    if (!a.startsWith('P')) expect(plus(b, a)).toBe(out);
  });

  it('moves a DateTime in a region along the calendar for days and along the time-line for hours', () => {
    // 2021-03-14 is the day New York moves to summer time: a day later is 24 hours later on the clock,
    // 24 hours later is an hour later on the clock.
    const ny = parseTemporal('2021-03-13T12:00:00-05:00[America/New_York]', 'DateTime');
    expect(text(temporalPlus(ny, lit('P1D')))).toBe('2021-03-14T12:00:00-04:00');
    expect(text(temporalPlus(ny, lit('PT24H')))).toBe('2021-03-14T13:00:00-04:00');
  });

  it.each([
    ['2021-01-01', '2020-01-01', 'PT8784H'],
    ['2020-01-01', '2021-01-01', 'PT-8784H'],
    ['2020-01-01T00:00:00Z', '2020-01-01T00:00:00+02:00', 'PT2H'],
    ['10:00:00', '10:00:00.250', 'PT-0.25S'],
    ['P1Y2M', 'P2M', 'P1Y'],
    ['PT1H', 'PT1M', 'PT59M'],
  ])('|%s| - |%s| is %s', (a, b, out) => {
    expect(minus(a, b)).toBe(out);
  });

  it.each([
    [() => temporalMinus(lit('2020-01-01'), lit('10:00:00')), "You called the function '-' with these arguments"],
    [() => temporalPlus(lit('2020-01-01'), lit('2020-01-01')), "You called the function '+' with these arguments"],
    [() => temporalPlus(lit('2020-01-01'), lit('PT1H')), 'Cannot add |PT1H| to a Date'],
    [() => temporalPlus(lit('10:00:00'), lit('P1M')), 'Cannot add |P1M| to a LocalTime'],
    [() => temporalMinus(lit('10:00:00Z'), lit('P1D')), 'Cannot subtract |P1D| from a Time: a time of day has no days, months or years'],
    [() => temporalPlus(lit('P1M'), lit('PT1H')), 'a period with years or months cannot be combined'],
    [() => temporalPlus(lit('2020-01-01'), 1 as DwValue), "You called the function '+'"],
  ])('rejects a pair it cannot add (%#)', (f, message) => {
    expect(f).toThrow(message);
  });
});

describe('++ between date parts', () => {
  it.each([
    ['2003-10-01', '23:57:59', 'LocalDateTime', '2003-10-01T23:57:59'],
    ['2003-10-01', '23:57:59-03:00', 'DateTime', '2003-10-01T23:57:59-03:00'],
    ['2003-10-01T23:57:59', '-03:00', 'DateTime', '2003-10-01T23:57:59-03:00'],
    ['2003-10-01T23:57:59', 'America/Argentina/Buenos_Aires', 'DateTime', '2003-10-01T23:57:59-03:00'],
    ['23:57:59', '-03:00', 'Time', '23:57:59-03:00'],
  ])('|%s| ++ |%s| is a %s', (a, b, type, out) => {
    for (const v of [temporalConcat(lit(a), lit(b)), temporalConcat(lit(b), lit(a))]) {
      expect(typeOf(v!)).toBe(type);
      expect(text(v!)).toBe(out);
    }
  });

  it('is undefined for pairs that are not date parts', () => {
    expect(temporalConcat(lit('2003-10-01'), lit('2003-10-01'))).toBeUndefined();
    expect(temporalConcat('a', 'b')).toBeUndefined();
    expect(temporalConcat(lit('2003-10-01T23:57:59Z'), lit('-03:00'))).toBeUndefined();
  });
});

describe('>> (same instant, another zone)', () => {
  it.each([
    ['2019-02-13T13:23:00.120Z', 'CET', '2019-02-13T14:23:00.120+01:00'],
    ['2017-10-01T23:57:59-03:00', 'Asia/Tokyo', '2017-10-02T11:57:59+09:00'],
    ['2026-06-16T14:30:00-04:00', 'America/Los_Angeles', '2026-06-16T11:30:00-07:00'],
    ['2026-06-16T14:30:00-04:00', '+00:00', '2026-06-16T18:30:00Z'],
  ])('|%s| >> "%s" is %s', (a, zone, out) => {
    expect(text(temporalShift(lit(a), zone))).toBe(out);
    expect(text(temporalShift(lit(a), lit(zone.startsWith('+') ? zone : zone, 'TimeZone')))).toBe(out);
  });

  it('keeps the instant', () => {
    const a = lit('2026-06-16T14:30:00-04:00');
    expect(text(temporalMinus(temporalShift(a, 'Asia/Tokyo'), a))).toBe('PT0S');
  });

  it('rejects a zone it does not know and a value without an instant', () => {
    expect(() => temporalShift(lit('2026-06-16T14:30:00-04:00'), 'Mars/Olympus')).toThrow('Cannot coerce String ("Mars/Olympus") to TimeZone');
    expect(() => temporalShift(lit('2026-06-16'), 'UTC')).toThrow("You called the function '>>'");
  });
});
