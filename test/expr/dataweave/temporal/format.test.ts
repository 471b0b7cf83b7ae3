import { describe, expect, it } from 'vitest';
import { formatTemporal, parseTemporal } from '../../../../src/expr/dataweave/temporal/index.js';
import { typeOf } from '../../../../src/expr/dataweave/values/model.js';
import { lit, text } from './helpers.js';

describe('dates as String with a format', () => {
  // The cookbook's "Format Dates and Times".
  it.each([
    ['2020-10-01T23:57:59', 'uuuu-MM-dd', '2020-10-01'],
    ['2020-10-01T23:57:59', 'KK:mm:ss a', '11:57:59 PM'],
    ['2020-10-01T23:57:59', 'KK:mm:ss a, MMMM dd, uuuu', '11:57:59 PM, October 01, 2020'],
    ['2019-10-01T23:57:59', 'uuuu/MM/dd', '2019/10/01'],
    ['2003-10-01T23:57:59', 'yyyy-MM-dd', '2003-10-01'],
    ['2003-10-01', 'dd/MM/yyyy', '01/10/2003'],
    ['2003-10-01', 'EEEE d MMM yyyy', 'Wednesday 1 Oct 2003'],
    ['2003-10-01', "yyyy-MM-dd'T'", '2003-10-01T'],
    ['23:57:59', 'hh:mm a', '11:57 PM'],
    ['23:57:59.123', 'HH:mm:ss.SSS', '23:57:59.123'],
    ['23:57:59-03:00', 'HH:mm xxx', '23:57 -03:00'],
    ['2019-02-13T13:23:00.120Z', "yyyy-MM-dd'T'HH:mm:ss.SSS", '2019-02-13T13:23:00.120'],
    ['2003-10-01T23:57:59-03:00', "yyyy-MM-dd'T'HH:mm:ssXXX", '2003-10-01T23:57:59-03:00'],
    ['2003-10-01T23:57:59Z', 'XXX', 'Z'],
    ['2003-10-01T23:57:59Z', 'xxx', '+00:00'],
  ])('|%s| as String {format: %j} is %j', (src, format, out) => {
    expect(formatTemporal(lit(src), format)).toBe(out);
  });

  // The formatting characters table of "Format Dates and Times" (2020-11-10T13:44:12.283-08:00).
  it.each([
    ['G', 'AD'],
    ['u', '2020'],
    ['uu', '20'],
    ['y', '2020'],
    ['yy', '20'],
    ['D', '315'],
    ['MMMM', 'November'],
    ['MMM', 'Nov'],
    ['MM', '11'],
    ['M', '11'],
    ['d', '10'],
    ['QQQQ', '4th quarter'],
    ['QQQ', 'Q4'],
    ['Q', '4'],
    ['E', 'Tue'],
    ['EEEE', 'Tuesday'],
    ['a', 'PM'],
    ['h', '1'],
    ['K', '1'],
    ['k', '13'],
    ['H', '13'],
    ['m', '44'],
    ['s', '12'],
    ['S', '2'],
    ['n', '283000000'],
    ['XXX', '-08:00'],
    ['XX', '-0800'],
    ['X', '-08'],
    ['Z', '-0800'],
    ['ZZZZ', 'GMT-08:00'],
    ['O', 'GMT-8'],
    ['OOOO', 'GMT-08:00'],
  ])('formats the letter %s', (format, out) => {
    expect(formatTemporal(parseTemporal('2020-11-10T13:44:12.283-08:00', 'DateTime'), format)).toBe(out);
  });

  it('accepts a locale and writes English', () => {
    expect(formatTemporal(lit('2003-10-01'), 'MMMM', 'es')).toBe('October');
  });

  it('ignores the format of a zone or a period', () => {
    expect(formatTemporal(lit('PT9M'), 'yyyy')).toBe('PT9M');
    expect(formatTemporal(lit('-03:00'), 'yyyy')).toBe('-03:00');
  });

  it('reports a field the value does not have', () => {
    expect(() => formatTemporal(lit('2003-10-01'), 'HH:mm')).toThrow(
      'Cannot coerce Date (|2003-10-01|) to String with format "HH:mm", caused by: Unsupported field: HourOfDay',
    );
  });

  it('reports a malformed pattern', () => {
    expect(() => formatTemporal(lit('2003-10-01'), 'yyyy-MM-dd{')).toThrow('Invalid date format "yyyy-MM-dd{"');
  });
});

describe('Strings as dates', () => {
  it.each([
    ['2003-10-01', 'Date', '2003-10-01'],
    ['2003-10-01T23:57:59Z', 'DateTime', '2003-10-01T23:57:59Z'],
    ['2003-10-01T23:57:59.123Z', 'DateTime', '2003-10-01T23:57:59.123Z'],
    ['2020-11-10T13:44:12.283-08:00', 'DateTime', '2020-11-10T13:44:12.283-08:00'],
    ['2003-10-01T23:57:59', 'LocalDateTime', '2003-10-01T23:57:59'],
    ['23:57:59', 'LocalTime', '23:57:59'],
    ['23:57:59Z', 'Time', '23:57:59Z'],
    ['America/New_York', 'TimeZone', 'America/New_York'],
    ['-03:00', 'TimeZone', '-03:00'],
    ['P3D', 'Period', 'P3D'],
    ['PT1H', 'Period', 'PT1H'],
    // A String of a richer type keeps the parts asked for.
    ['2003-10-01T23:57:59Z', 'Date', '2003-10-01'],
    ['2003-10-01T23:57:59-03:00', 'LocalDateTime', '2003-10-01T23:57:59'],
    ['2003-10-01T23:57:59-03:00', 'LocalTime', '23:57:59'],
    ['2003-10-01T23:57:59-03:00', 'Time', '23:57:59-03:00'],
  ] as const)('"%s" as %s is |%s|', (src, type, out) => {
    const v = parseTemporal(src, type);
    expect(typeOf(v)).toBe(type);
    expect(text(v)).toBe(out);
  });

  // The cookbook's "Parse Dates with DataWeave" and common shapes.
  it.each([
    ['01/10/2003', 'Date', 'dd/MM/yyyy', '2003-10-01'],
    ['Oct 1, 2003', 'Date', 'MMM d, yyyy', '2003-10-01'],
    ['Wednesday, October 1, 2003', 'Date', 'EEEE, MMMM d, yyyy', '2003-10-01'],
    ['20031001', 'Date', 'yyyyMMdd', '2003-10-01'],
    ['2003-10-01 23:57:59', 'LocalDateTime', 'yyyy-MM-dd HH:mm:ss', '2003-10-01T23:57:59'],
    ['11:57 PM', 'LocalTime', 'hh:mm a', '23:57:00'],
    ['23:57:59 -0300', 'Time', 'HH:mm:ss Z', '23:57:59-03:00'],
    ['2003-10-01 23:57:59 -03:00', 'DateTime', 'yyyy-MM-dd HH:mm:ss xxx', '2003-10-01T23:57:59-03:00'],
    ['2003-10-01 23:57:59 America/New_York', 'DateTime', 'yyyy-MM-dd HH:mm:ss VV', '2003-10-01T23:57:59-04:00'],
    ['2019-02-13T13:23:00.120Z', 'DateTime', "yyyy-MM-dd'T'HH:mm:ss.SSSX", '2019-02-13T13:23:00.120Z'],
    // java.time's SMART resolving, as in Mule: the 31st of February is its last day.
    ['31/02/2020', 'Date', 'dd/MM/yyyy', '2020-02-29'],
  ] as const)('"%s" as %s {format: "%s"} is |%s|', (src, type, format, out) => {
    expect(text(parseTemporal(src, type, format))).toBe(out);
  });

  it('reads a Date string as a DateTime at midnight', () => {
    const v = parseTemporal('2003-10-01', 'DateTime');
    expect(typeOf(v)).toBe('DateTime');
    expect(text(v)).toMatch(/^2003-10-01T00:00:00/);
  });

  it.each([
    [
      '2020-13-01',
      'Date',
      undefined,
      'Cannot coerce String ("2020-13-01") to Date, caused by: Text \'2020-13-01\' could not be parsed: Invalid value for MonthOfYear (valid values 1 - 12): 13',
    ],
    ['hello', 'Date', undefined, 'Cannot coerce String ("hello") to Date'],
    [
      '01/13/2020',
      'Date',
      'dd/MM/yyyy',
      'Cannot coerce String ("01/13/2020") to Date with format "dd/MM/yyyy", caused by: Text \'01/13/2020\' could not be parsed',
    ],
    ['2003-10-01', 'Date', 'dd/MM/yyyy', "caused by: Text '2003-10-01' could not be parsed at index 2"],
    [
      '2003-10-01 10:00',
      'DateTime',
      'yyyy-MM-dd HH:mm',
      'Cannot coerce String ("2003-10-01 10:00") to DateTime with format "yyyy-MM-dd HH:mm", caused by: Text \'2003-10-01 10:00\' could not be parsed: Unable to obtain ZonedDateTime from TemporalAccessor (the format has no zone or offset: read it as LocalDateTime)',
    ],
    ['2020', 'LocalTime', 'yyyy', "caused by: Text '2020' could not be parsed: Unable to obtain LocalTime from TemporalAccessor"],
    ['Mars/Olympus', 'TimeZone', undefined, 'Cannot coerce String ("Mars/Olympus") to TimeZone'],
    ['10:00', 'Date', undefined, 'Cannot coerce String ("10:00") to Date'],
  ] as const)('rejects "%s" as %s {format: %s}', (src, type, format, message) => {
    expect(() => parseTemporal(src, type, format)).toThrow(message);
  });
});
