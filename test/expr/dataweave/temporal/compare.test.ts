import { describe, expect, it } from 'vitest';
import { compare, equals } from '../../../../src/expr/dataweave/values/compare.js';
import { lit } from './helpers.js';

describe('comparing dates (values/compare.ts)', () => {
  it.each([
    ['2003-10-01', '2003-10-02', -1],
    ['2003-10-02', '2003-10-01', 1],
    ['2003-10-01T23:57:59', '2003-10-01T23:57:58', 1],
    ['23:57:59', '23:57:59.001', -1],
    // Instants, whatever the offsets they are written in.
    ['2003-10-01T23:57:59-03:00', '2003-10-02T02:57:59Z', 0],
    ['2003-10-01T23:57:59-03:00', '2003-10-02T02:00:00Z', 1],
    ['23:00:00-03:00', '01:00:00Z', 1],
    ['PT1H', 'PT59M', 1],
  ])('compare(|%s|, |%s|) is %d', (a, b, out) => {
    expect(compare(lit(a), lit(b))).toBe(out);
  });

  it.each([
    ['2003-10-01', '2003-10-01', true],
    ['2003-10-01T23:57:59-03:00', '2003-10-02T02:57:59Z', true],
    ['2003-10-01T23:57:59-03:00[America/Argentina/Buenos_Aires]', '2003-10-01T23:57:59-03:00', true],
    ['2003-10-01T23:57:59', '2003-10-01T23:57:59.000', true],
    ['P1Y', 'P1Y', true],
    ['P1Y', 'P12M', false],
    ['PT1H', 'PT60M', true],
    ['-03:00', '-03:00', true],
    ['America/New_York', 'America/New_York', true],
    ['America/New_York', 'Europe/Paris', false],
    ['2003-10-01', '2003-10-01T00:00:00', false],
  ])('|%s| == |%s| is %s', (a, b, out) => {
    expect(equals(lit(a), lit(b))).toBe(out);
  });

  it('refuses to order dates of different types', () => {
    expect(() => compare(lit('2003-10-01'), lit('2003-10-01T00:00:00'))).toThrow('Cannot compare Date with LocalDateTime');
  });
});
