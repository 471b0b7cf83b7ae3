import type { DayRule, QuartzCron } from './quartz-cron.js';
import { MAX_YEAR } from './quartz-cron.js';
import type { Zone } from './time-zone.js';
import { instantsOf } from './time-zone.js';

/**
 * When a Quartz expression next fires in `zone`, strictly after `after` (ms since the epoch), or
 * undefined when it never does again (a year field in the past).
 *
 * Wall-clock times are searched in order from the wall-clock time of `after`, so when clocks go
 * back the repeated hour does not fire a second time (Quartz fires a daily 01:30 once), and when
 * they go forward a time in the gap fires as the clock jumps past it (02:30 fires at 03:30).
 *
 * @example
 * nextFire(cron('0 0 12 ? * MON-FRI'), zone, Date.parse('2024-06-01T00:00:00Z')) // Mon 3 June, 12:00 in zone
 */
export function nextFire(cron: QuartzCron, zone: Zone, after: number): number | undefined {
  let from = Math.floor((after + zone.offset(after)) / 1000) * 1000 + 1000;
  // Only a wall-clock time whose instants are both at or before `after` is passed over, which
  // happens in the hour clocks go back: a few thousand turns at most.
  for (let turn = 0; turn < 10_000; turn++) {
    const wall = nextWall(cron, from);
    if (wall === undefined) return undefined;
    const at = instantsOf(zone, wall).find((i) => i > after);
    if (at !== undefined) return at;
    from = wall + 1000;
  }
  return undefined;
}

/**
 * The first wall-clock time at or after `from` (ms, read as UTC) that the expression matches:
 * each field moves to its next allowed value, and a field that runs out carries into the next.
 */
function nextWall(cron: QuartzCron, from: number): number | undefined {
  const start = new Date(from);
  let y = start.getUTCFullYear();
  let mo = start.getUTCMonth() + 1;
  let d = start.getUTCDate();
  let h = start.getUTCHours();
  let mi = start.getUTCMinutes();
  let s = start.getUTCSeconds();
  // Each turn settles a field or moves a larger one on: bounded by the months until MAX_YEAR.
  while (y <= MAX_YEAR) {
    const year = cron.years ? next(cron.years, y) : y;
    if (year === undefined) return undefined;
    if (year !== y) [y, mo, d, h, mi, s] = [year, 1, 1, 0, 0, 0];
    const month = next(cron.months, mo);
    if (month === undefined) {
      [y, mo, d, h, mi, s] = [y + 1, 1, 1, 0, 0, 0];
      continue;
    }
    if (month !== mo) [mo, d, h, mi, s] = [month, 1, 0, 0, 0];
    const day = next(daysOf(cron.days, y, mo), d);
    if (day === undefined) {
      [y, mo, d, h, mi, s] = mo === 12 ? [y + 1, 1, 1, 0, 0, 0] : [y, mo + 1, 1, 0, 0, 0];
      continue;
    }
    if (day !== d) [d, h, mi, s] = [day, 0, 0, 0];
    const hour = next(cron.hours, h);
    if (hour === undefined) {
      [d, h, mi, s] = [d + 1, 0, 0, 0];
      continue;
    }
    if (hour !== h) [h, mi, s] = [hour, 0, 0];
    const minute = next(cron.minutes, mi);
    if (minute === undefined) {
      [h, mi, s] = [h + 1, 0, 0];
      continue;
    }
    if (minute !== mi) [mi, s] = [minute, 0];
    const second = next(cron.seconds, s);
    if (second === undefined) {
      [mi, s] = [mi + 1, 0];
      continue;
    }
    return Date.UTC(y, mo - 1, d, h, mi, second);
  }
  return undefined;
}

/** The smallest of the sorted `values` at least `at`. */
function next(values: readonly number[], at: number): number | undefined {
  for (const v of values) if (v >= at) return v;
  return undefined;
}

/** The days of month `mo` of year `y` the rule picks, ascending. */
function daysOf(rule: DayRule, y: number, mo: number): number[] {
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  // 1 = Sunday … 7 = Saturday, as Quartz numbers them.
  const weekDay = (day: number) => new Date(Date.UTC(y, mo - 1, day)).getUTCDay() + 1;
  switch (rule.kind) {
    case 'month-days':
      return rule.days.filter((day) => day <= last);
    case 'last-day': {
      const day = last - rule.offset;
      if (day < 1) return [];
      return [rule.weekday ? nearestWeekday(day, last, weekDay(day)) : day];
    }
    case 'nearest-weekday':
      return rule.day > last ? [] : [nearestWeekday(rule.day, last, weekDay(rule.day))];
    case 'week-days':
      return range(last).filter((day) => rule.days.includes(weekDay(day)));
    case 'last-week-day': {
      const matching = range(last).filter((day) => weekDay(day) === rule.day);
      return [matching.at(-1)!];
    }
    case 'nth-week-day': {
      const day = range(last).filter((d) => weekDay(d) === rule.day)[rule.nth - 1];
      return day === undefined ? [] : [day];
    }
  }
}

/** Quartz's `W`: Saturday moves to Friday and Sunday to Monday, never out of the month. */
function nearestWeekday(day: number, last: number, weekDay: number): number {
  if (weekDay === 7) return day === 1 ? 3 : day - 1;
  if (weekDay === 1) return day === last ? day - 2 : day + 1;
  return day;
}

function range(last: number): number[] {
  return Array.from({ length: last }, (_, i) => i + 1);
}
