/**
 * Quartz cron expressions, as Mule's `<cron expression>` takes them (org.quartz.CronExpression):
 * `seconds minutes hours day-of-month month day-of-week [year]`, case-insensitive, with `*`, `?`,
 * ranges (wrapping ones too: `22-2`, `NOV-FEB`), lists, `/` increments, JAN-DEC, SUN-SAT (1 = SUN
 * … 7 = SAT), and the day rules `L`, `L-3`, `LW`, `15W`, `6L` and `6#3`. Exactly one of the two day
 * fields is `?`, as Quartz requires.
 */

/** How the day of the month is chosen. */
export type DayRule =
  /** Days of the month (1-31); a day a month lacks never matches in it. */
  | { readonly kind: 'month-days'; readonly days: readonly number[] }
  /** `L`, `L-n` (n days before the last), with `W` the weekday nearest that day. */
  | { readonly kind: 'last-day'; readonly offset: number; readonly weekday: boolean }
  /** `15W`: the weekday nearest the 15th, within the month. */
  | { readonly kind: 'nearest-weekday'; readonly day: number }
  /** Days of the week, 1 = Sunday … 7 = Saturday. */
  | { readonly kind: 'week-days'; readonly days: readonly number[] }
  /** `6L`: the last Friday of the month. */
  | { readonly kind: 'last-week-day'; readonly day: number }
  /** `6#3`: the third Friday of the month (none in a month without one). */
  | { readonly kind: 'nth-week-day'; readonly day: number; readonly nth: number };

export interface QuartzCron {
  readonly expression: string;
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: DayRule;
  readonly months: readonly number[];
  /** Undefined: every year. */
  readonly years?: readonly number[];
}

/** Quartz documents years up to 2199. */
export const MAX_YEAR = 2199;

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Whether a range may wrap past max (`22-2`); years do not. */
  readonly wraps: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEK_DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const SECOND: Field = { name: 'seconds', min: 0, max: 59, wraps: true };
const MINUTE: Field = { name: 'minutes', min: 0, max: 59, wraps: true };
const HOUR: Field = { name: 'hours', min: 0, max: 23, wraps: true };
const DAY_OF_MONTH: Field = { name: 'day-of-month', min: 1, max: 31, wraps: true };
const MONTH: Field = { name: 'month', min: 1, max: 12, names: MONTHS, wraps: true };
const DAY_OF_WEEK: Field = { name: 'day-of-week', min: 1, max: 7, names: WEEK_DAYS, wraps: true };
const YEAR: Field = { name: 'year', min: 1970, max: MAX_YEAR, wraps: false };

class CronSyntax extends Error {}

/**
 * Reads a Quartz expression; what is wrong with it otherwise, in one sentence.
 *
 * @example
 * parseQuartz('0 0/5 * ? * MON-FRI'); // every 5 minutes on weekdays
 * parseQuartz('0 0 12 * * *');         // { error: 'one of day-of-month and day-of-week must be ?, …' }
 */
export function parseQuartz(expression: string): QuartzCron | { readonly error: string } {
  try {
    return parse(expression);
  } catch (e) {
    if (e instanceof CronSyntax) return { error: e.message };
    throw e;
  }
}

function parse(expression: string): QuartzCron {
  const parts = expression.trim().split(/[ \t]+/);
  if (parts.length < 6 || parts.length > 7 || parts[0] === '') {
    throw new CronSyntax(
      `a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not ${parts[0] === '' ? 0 : parts.length}`,
    );
  }
  const [sec, min, hour, dom, month, dow, year] = parts as [string, string, string, string, string, string, string | undefined];
  if ((dom === '?') === (dow === '?')) {
    throw new CronSyntax('one of day-of-month and day-of-week must be ?, and only one: Quartz does not combine them');
  }
  return {
    expression,
    seconds: values(sec, SECOND),
    minutes: values(min, MINUTE),
    hours: values(hour, HOUR),
    days: dom === '?' ? weekDays(dow) : monthDays(dom),
    months: values(month, MONTH),
    years: year === undefined || year === '*' ? undefined : values(year, YEAR),
  };
}

function monthDays(text: string): DayRule {
  const last = /^L(?:-(\d+))?(W)?$/i.exec(text);
  if (last) {
    const offset = Number(last[1] ?? 0);
    if (offset > 30) throw new CronSyntax(`day-of-month "${text}": the offset from the last day must be 30 or less`);
    return { kind: 'last-day', offset, weekday: last[2] !== undefined };
  }
  const nearest = /^(\d+)W$/i.exec(text);
  if (nearest) return { kind: 'nearest-weekday', day: number(nearest[1]!, DAY_OF_MONTH) };
  if (/[LW]/i.test(text)) throw new CronSyntax(`day-of-month "${text}": L and W take one day of the month, not a list or a range`);
  return { kind: 'month-days', days: values(text, DAY_OF_MONTH) };
}

function weekDays(text: string): DayRule {
  if (text.toUpperCase() === 'L') return { kind: 'week-days', days: [7] };
  const last = /^(\w+?)L$/i.exec(text);
  if (last) return { kind: 'last-week-day', day: number(last[1]!, DAY_OF_WEEK) };
  const nth = /^(\w+)#(\d+)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new CronSyntax(`day-of-week "${text}": the number after # must be 1 to 5`);
    return { kind: 'nth-week-day', day: number(nth[1]!, DAY_OF_WEEK), nth: n };
  }
  if (/[L#]/i.test(text)) throw new CronSyntax(`day-of-week "${text}": L and # take one day of the week, not a list or a range`);
  return { kind: 'week-days', days: values(text, DAY_OF_WEEK) };
}

/** One field's list of items (`*`, `a`, `a-b`, with `/step`), as the sorted values it turns on. */
function values(text: string, field: Field): number[] {
  if (text === '?') throw new CronSyntax(`? is only allowed for day-of-month or day-of-week, not ${field.name}`);
  const on = new Set<number>();
  for (const item of text.split(',')) {
    // Quartz reads "/15" as "*/15".
    const m = /^(\*|[^-/]+)(?:-([^-/]+))?(?:\/(.*))?$/.exec(item.startsWith('/') ? `*${item}` : item);
    if (!m) throw new CronSyntax(`${field.name} "${text}": "${item}" is not a value, a range or an increment`);
    const [, from, to, step] = m;
    // Quartz ignores what follows a name ("MON/2" is MON): refused rather than read differently.
    if (step !== undefined && /[A-Z]/i.test(`${from}${to ?? ''}`)) throw new CronSyntax(`${field.name} "${item}": an increment takes numbers, not names`);
    const every = step === undefined ? 1 : increment(step, item, field);
    const start = from === '*' ? field.min : number(from!, field);
    // "5/15" runs from 5 to the end of the field, as "*/15" runs from its start.
    let end = to !== undefined ? number(to, field) : from === '*' || step !== undefined ? field.max : start;
    const span = field.max - field.min + 1;
    if (end < start) {
      if (!field.wraps) throw new CronSyntax(`${field.name} "${item}": the range must not end before it starts`);
      end += span;
    }
    for (let v = start; v <= end; v += every) on.add(v > field.max ? v - span : v);
  }
  return [...on].sort((a, b) => a - b);
}

function increment(step: string, item: string, field: Field): number {
  if (!/^\d+$/.test(step)) throw new CronSyntax(`${field.name} "${item}": / must be followed by a whole number`);
  const n = Number(step);
  // Quartz's bound: the field's largest value (59 for seconds, 7 for days of the week).
  const most = field === YEAR ? MAX_YEAR - YEAR.min : field.max;
  if (n < 1 || n > most) throw new CronSyntax(`${field.name} "${item}": the increment must be 1 to ${most}`);
  return n;
}

function number(text: string, field: Field): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(n)) {
    const hint = field.names ? ` (${field.names[0]}-${field.names.at(-1)} or ${field.min}-${field.max})` : '';
    throw new CronSyntax(`${field.name}: "${text}" is not a value${hint}`);
  }
  if (n < field.min || n > field.max) throw new CronSyntax(`${field.name} values must be between ${field.min} and ${field.max}, not ${n}`);
  return n;
}
