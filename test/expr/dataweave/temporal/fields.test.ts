import { describe, expect, it } from 'vitest';
import { ZoneId } from '@js-joda/core';
import { temporalField } from '../../../../src/expr/dataweave/temporal/index.js';
import { lit, text } from './helpers.js';

describe('date selectors', () => {
  // The "Date decomposition" example of DataWeave's types page.
  it.each([
    ['2003-10-01T23:57:59Z', 'day', 1],
    ['2003-10-01T23:57:59Z', 'month', 10],
    ['2003-10-01T23:57:59Z', 'year', 2003],
    ['2003-10-01T23:57:59Z', 'hour', 23],
    ['2003-10-01T23:57:59Z', 'minutes', 57],
    ['2003-10-01T23:57:59Z', 'seconds', 59],
    ['2003-10-01T23:57:59-03:00', 'offsetSeconds', -10800],
    ['23:57:59.700', 'nanoseconds', 700000000],
    ['23:57:59.700', 'milliseconds', 700],
    ['2003-10-01T23:57:59Z', 'dayOfWeek', 3],
    ['2003-10-01T23:57:59Z', 'dayOfYear', 274],
    ['2003-10-01T23:57:59Z', 'quarter', 4],
    ['2003-10-01', 'year', 2003],
    ['2003-10-01', 'dayOfWeek', 3],
    ['2003-10-05', 'dayOfWeek', 7],
    ['2003-10-01', 'quarter', 4],
    ['2003-02-01', 'quarter', 1],
    ['2021-01-03', 'weekOfYear', 53],
    ['2003-10-01T23:57:59', 'month', 10],
    ['2003-10-01T23:57:59.5', 'milliseconds', 500],
    ['23:57:59-03:00', 'hour', 23],
    ['23:57:59-03:00', 'offsetSeconds', -10800],
    ['23:57:59+05:30', 'offsetSeconds', 19800],
    ['P1Y2M3D', 'years', 1],
    ['P1Y2M3D', 'months', 2],
    ['P1Y2M3D', 'days', 3],
    ['P1Y2M3D', 'hours', 0],
    ['PT9M', 'minutes', 9],
    ['PT5H4M3S', 'hours', 5],
    ['PT5H4M3S', 'seconds', 3],
    ['P4DT11H28M', 'days', 4],
    ['P4DT11H28M', 'hours', 11],
    ['PT9M', 'years', 0],
  ])('|%s|.%s is %d', (src, name, out) => {
    expect(temporalField(lit(src), name)).toBe(out);
  });

  it('gives the zone of a DateTime and the offset of a Time', () => {
    const z = temporalField(lit('2003-10-01T23:57:59-03:00[America/Argentina/Buenos_Aires]'), 'timezone');
    expect(z).toBeInstanceOf(ZoneId);
    expect(text(z!)).toBe('America/Argentina/Buenos_Aires');
    expect(text(temporalField(lit('2003-10-01T23:57:59-03:00'), 'timezone')!)).toBe('-03:00');
    expect(text(temporalField(lit('23:57:59Z'), 'timezone')!)).toBe('Z');
  });

  it.each([
    ['2003-10-01', 'hour'],
    ['2003-10-01', 'offsetSeconds'],
    ['23:57:59', 'year'],
    ['23:57:59', 'timezone'],
    ['2003-10-01T23:57:59', 'offsetSeconds'],
    ['P1Y', 'year'],
    ['P1Y', 'toString'],
    ['-03:00', 'hour'],
    ['2003-10-01', 'nope'],
  ])('|%s|.%s is undefined', (src, name) => {
    expect(temporalField(lit(src), name)).toBeUndefined();
  });

  it('is undefined on values that are not dates', () => {
    expect(temporalField('2003-10-01', 'year')).toBeUndefined();
    expect(temporalField(null, 'year')).toBeUndefined();
  });
});
