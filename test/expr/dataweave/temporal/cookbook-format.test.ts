import { describe, expect, it } from 'vitest';
import { formatTemporal, parseTemporal } from '../../../../src/expr/dataweave/temporal/index.js';
import { text } from './helpers.js';

// The cookbook's "Use Date and Time Formatting Characters", output for output.
const OUT: Record<string, string> = {
  G: 'AD',
  u: '2020',
  uu: '20',
  y: '2020',
  yy: '20',
  D: '315',
  MMMM: 'November',
  MMM: 'Nov',
  MM: '11',
  M: '11',
  LL: '11',
  L: '11',
  d: '10',
  qqq: '4',
  qq: '04',
  q: '4',
  QQQQ: '4th quarter',
  QQQ: 'Q4',
  QQ: '04',
  Q: '4',
  YY: '20',
  Y: '2020',
  w: '46',
  W: '2',
  E: 'Tue',
  EEEE: 'Tuesday',
  eeee: 'Tuesday',
  eee: 'Tue',
  ee: '03',
  e: '3',
  cccc: 'Tuesday',
  ccc: 'Tue',
  c: '3',
  F: '3',
  a: 'PM',
  h: '1',
  K: '1',
  k: '13',
  H: '13',
  m: '44',
  s: '12',
  S: '2',
  A: '49452283',
  n: '283000000',
  N: '49452283000000',
  VV: '-08:00',
  zz: '-08:00',
  zzz: '-08:00',
  O: 'GMT-8',
  XXX: '-08:00',
  XX: '-0800',
  X: '-08',
  xxx: '-08:00',
  xx: '-0800',
  x: '-08',
  Z: '-0800',
};

describe('the formatting characters of the cookbook', () => {
  const myDateTime = parseTemporal('2020-11-10T13:44:12.283-08:00', 'DateTime');

  it('reads the String as the documented DateTime', () => {
    expect(text(myDateTime)).toBe('2020-11-10T13:44:12.283-08:00');
  });

  it.each(Object.entries(OUT))('format %j is %j', (format, out) => {
    expect(formatTemporal(myDateTime, format)).toBe(out);
  });
});
