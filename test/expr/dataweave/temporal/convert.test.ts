import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertTemporal, now, numberToTemporal, temporalToNumber } from '../../../../src/expr/dataweave/temporal/index.js';
import { systemZone } from '../../../../src/expr/dataweave/temporal/zones.js';
import { D } from '../../../../src/expr/dataweave/values/numbers.js';
import { typeOf } from '../../../../src/expr/dataweave/values/model.js';
import { lit, text } from './helpers.js';

describe('dates and numbers', () => {
  it.each([
    ['2017-10-12T00:00:00Z', undefined, 1507766400],
    ['2017-10-12T00:00:00Z', 'seconds', 1507766400],
    ['2017-10-12T00:00:00Z', 'milliseconds', 1507766400000],
    ['2017-10-12T00:00:00.999Z', 'seconds', 1507766400],
    ['2017-10-12T00:00:00.999Z', 'milliseconds', 1507766400999],
    ['2017-10-11T21:00:00-03:00', undefined, 1507766400],
    ['1969-12-31T23:59:59Z', undefined, -1],
    ['PT1M30S', undefined, 90],
    ['PT1M30S', 'milliseconds', 90000],
  ])('|%s| as Number {unit: %s} is %d', (src, unit, out) => {
    expect(temporalToNumber(lit(src), unit)).toBe(out);
  });

  it.each([
    [1507766400, undefined, '2017-10-12T00:00:00Z'],
    [1507766400000, 'milliseconds', '2017-10-12T00:00:00Z'],
    [1507766400123, 'milliseconds', '2017-10-12T00:00:00.123Z'],
    [1507766400.5, undefined, '2017-10-12T00:00:00.500Z'],
    [-1, undefined, '1969-12-31T23:59:59Z'],
    [0, undefined, '1970-01-01T00:00:00Z'],
  ])('%d as DateTime {unit: %s} is |%s|', (n, unit, out) => {
    expect(text(numberToTemporal(n, 'DateTime', unit))).toBe(out);
  });

  it('reads large and decimal numbers', () => {
    expect(text(numberToTemporal(new D('1507766400.123456789'), 'DateTime'))).toBe('2017-10-12T00:00:00.123456789Z');
    expect(text(numberToTemporal(1507766400, 'Date'))).toBe('2017-10-12');
  });

  it('rejects a unit it does not know and values that are not instants', () => {
    expect(() => temporalToNumber(lit('2017-10-12T00:00:00Z'), 'hours')).toThrow('Invalid unit "hours"');
    expect(() => temporalToNumber(lit('10:00:00'))).toThrow('Cannot coerce LocalTime (|10:00:00|) to Number');
    expect(() => temporalToNumber(lit('P1Y'))).toThrow('Cannot coerce Period (|P1Y|) to Number');
    expect(() => numberToTemporal('1', 'DateTime')).toThrow('Cannot coerce String ("1") to DateTime');
  });
});

describe('between date types', () => {
  const dt = lit('2003-10-01T23:57:59.123-03:00');
  it.each([
    ['Date', '2003-10-01'],
    ['LocalDateTime', '2003-10-01T23:57:59.123'],
    ['LocalTime', '23:57:59.123'],
    ['Time', '23:57:59.123-03:00'],
    ['TimeZone', '-03:00'],
    ['DateTime', '2003-10-01T23:57:59.123-03:00'],
  ] as const)('a DateTime as %s is |%s|', (type, out) => {
    const v = convertTemporal(dt, type);
    expect(typeOf(v)).toBe(type);
    expect(text(v)).toBe(out);
  });

  it.each([
    ['2003-10-01T23:57:59', 'Date', '2003-10-01'],
    ['2003-10-01T23:57:59', 'LocalTime', '23:57:59'],
    ['2003-10-01', 'LocalDateTime', '2003-10-01T00:00:00'],
    ['23:57:59-03:00', 'LocalTime', '23:57:59'],
    ['23:57:59-03:00', 'TimeZone', '-03:00'],
  ] as const)('|%s| as %s is |%s|', (src, type, out) => {
    expect(text(convertTemporal(lit(src), type))).toBe(out);
  });

  describe('filling in the machine zone', () => {
    // A fixed zone for these tests, whatever the machine's: systemZone() reads Intl once, so set both.
    let saved: string | undefined;
    beforeAll(() => {
      saved = process.env.TZ;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('gives a Date midnight and the machine zone as a DateTime', () => {
      const v = convertTemporal(lit('2003-10-01'), 'DateTime');
      expect(typeOf(v)).toBe('DateTime');
      expect(text(v).startsWith('2003-10-01T00:00:00')).toBe(true);
      expect(text(convertTemporal(v, 'TimeZone'))).toBe(systemZone().toString());
    });

    it('gives a LocalDateTime the machine zone as a DateTime', () => {
      const v = convertTemporal(lit('2003-10-01T23:57:59'), 'DateTime');
      expect(text(v).startsWith('2003-10-01T23:57:59')).toBe(true);
    });
  });

  it.each([
    ['2003-10-01', 'LocalTime'],
    ['2003-10-01', 'Time'],
    ['23:57:59', 'Date'],
    ['23:57:59-03:00', 'DateTime'],
    ['P1D', 'Date'],
    ['-03:00', 'Date'],
  ] as const)('rejects |%s| as %s', (src, type) => {
    expect(() => convertTemporal(lit(src), type)).toThrow(`Cannot coerce`);
  });
});

describe('now()', () => {
  it('is a DateTime in the machine zone, close to the clock', () => {
    const n = now();
    expect(typeOf(n)).toBe('DateTime');
    expect(n.zone().toString()).toBe(systemZone().toString());
    expect(Math.abs(n.toInstant().toEpochMilli() - Date.now())).toBeLessThan(5000);
  });

  it('names the machine zone by its region, never SYSTEM', () => {
    expect(systemZone().toString()).not.toBe('SYSTEM');
  });
});
