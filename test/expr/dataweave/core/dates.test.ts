import { LocalDate, LocalDateTime, ZonedDateTime } from '@js-joda/core';
import { describe, expect, it } from 'vitest';
import { dw } from './support.js';

describe('daysBetween', () => {
  it('counts whole days, negative backwards', () => {
    expect(dw('daysBetween', LocalDate.parse('2016-10-01'), LocalDate.parse('2017-10-01'))).toBe(365);
    expect(dw('daysBetween', LocalDate.parse('2017-10-01'), LocalDate.parse('2016-10-01'))).toBe(-365);
    expect(dw('daysBetween', LocalDate.parse('2020-02-28'), LocalDate.parse('2020-03-01'))).toBe(2);
    expect(dw('daysBetween', LocalDate.parse('2020-02-28'), LocalDate.parse('2020-02-28'))).toBe(0);
  });
  it('takes the dates of date-times', () => {
    expect(dw('daysBetween', ZonedDateTime.parse('2016-10-01T23:57:59-03:00'), ZonedDateTime.parse('2017-10-01T23:57:59-03:00'))).toBe(365);
    expect(dw('daysBetween', LocalDateTime.parse('2020-01-01T23:00:00'), LocalDate.parse('2020-01-02'))).toBe(1);
  });
  it('passes null through', () => {
    expect(dw('daysBetween', null, LocalDate.parse('2020-01-01'))).toBeNull();
  });
});

describe('isLeapYear', () => {
  it('tells leap years', () => {
    expect(dw('isLeapYear', LocalDate.parse('2016-10-01'))).toBe(true);
    expect(dw('isLeapYear', LocalDate.parse('2017-10-01'))).toBe(false);
    expect(dw('isLeapYear', LocalDate.parse('1900-01-01'))).toBe(false);
    expect(dw('isLeapYear', LocalDate.parse('2000-01-01'))).toBe(true);
    expect(dw('isLeapYear', ZonedDateTime.parse('2016-10-01T23:57:59-03:00'))).toBe(true);
    expect(dw('isLeapYear', LocalDateTime.parse('2016-10-01T23:57:59'))).toBe(true);
  });
});
