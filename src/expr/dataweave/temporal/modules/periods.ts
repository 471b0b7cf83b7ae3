/**
 * dw::core::Periods (DataWeave 2.4): periods built from numbers or parts. Years and months are
 * whole (a date-based Period); days, hours, minutes and seconds may carry a fraction, which makes
 * a time-based Period exact to the nanosecond (`seconds(30.5)` is `PT30.5S`).
 */
import { Duration, LocalDate, Period } from '@js-joda/core';
import type { FunctionTable } from '../../library/define.js';
import { defineFunction, overload } from '../../library/define.js';
import type { DwObjectLike } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { decimal } from '../../values/numbers.js';
import { durationOf, numberField, whole } from './factory.js';

/** `days(n)`: a date-based Period of whole days, a time-based one of fractional days. */
function days(n: Num): Period | Duration {
  return decimal(n).isInteger() ? Period.ofDays(decimal(n).toNumber()) : durationOf(n, 'days');
}

export const PERIODS: FunctionTable = {
  // between(endDateExclusive, startDateInclusive): the years, months and days from the second to the first.
  between: defineFunction('between', [overload('Date, Date', (end: LocalDate, start: LocalDate) => Period.between(start, end))]),
  years: defineFunction('years', [overload('Number', (n: Num) => Period.ofYears(whole('years', 'the number of years', n)))]),
  months: defineFunction('months', [overload('Number', (n: Num) => Period.ofMonths(whole('months', 'the number of months', n)))]),
  days: defineFunction('days', [overload('Number', (n: Num) => days(n))]),
  hours: defineFunction('hours', [overload('Number', (n: Num) => durationOf(n, 'hours'))]),
  minutes: defineFunction('minutes', [overload('Number', (n: Num) => durationOf(n, 'minutes'))]),
  seconds: defineFunction('seconds', [overload('Number', (n: Num) => durationOf(n, 'seconds'))]),
  period: defineFunction('period', [
    overload('Object', (o: DwObjectLike) =>
      Period.of(
        whole('period', 'years', numberField('period', o, 'years', 0)),
        whole('period', 'months', numberField('period', o, 'months', 0)),
        whole('period', 'days', numberField('period', o, 'days', 0)),
      ),
    ),
  ]),
  duration: defineFunction('duration', [
    overload('Object', (o: DwObjectLike) =>
      durationOf(numberField('duration', o, 'days', 0), 'days')
        .plus(durationOf(numberField('duration', o, 'hours', 0), 'hours'))
        .plus(durationOf(numberField('duration', o, 'minutes', 0), 'minutes'))
        .plus(durationOf(numberField('duration', o, 'seconds', 0), 'seconds')),
    ),
  ]),
};
