import { describe, expect, it } from 'vitest';
import type { QuartzCron } from '../../src/queues/quartz-cron.js';
import { parseQuartz } from '../../src/queues/quartz-cron.js';
import { nextFire } from '../../src/queues/quartz-next.js';
import type { Zone } from '../../src/queues/time-zone.js';
import { timeZone } from '../../src/queues/time-zone.js';

function cron(expression: string): QuartzCron {
  const parsed = parseQuartz(expression);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

function zone(id: string): Zone {
  const z = timeZone(id);
  if ('error' in z) throw new Error(z.error);
  return z;
}

/** The next `n` fire times after `start`, as ISO instants. */
function fires(expression: string, start: string, n = 3, tz = 'UTC'): string[] {
  const c = cron(expression);
  const z = zone(tz);
  const out: string[] = [];
  let at = Date.parse(start);
  for (let i = 0; i < n; i++) {
    const next = nextFire(c, z, at);
    if (next === undefined) break;
    out.push(new Date(next).toISOString().replace('.000', ''));
    at = next;
  }
  return out;
}

function errorOf(expression: string): string {
  const parsed = parseQuartz(expression);
  return 'error' in parsed ? parsed.error : '(parsed)';
}

// The examples of Quartz's CronTrigger tutorial, each with the times it documents.
describe('Quartz documentation examples', () => {
  it('0 0 12 * * ? fires at noon every day', () => {
    expect(fires('0 0 12 * * ?', '2024-05-01T12:00:00Z')).toEqual(['2024-05-02T12:00:00Z', '2024-05-03T12:00:00Z', '2024-05-04T12:00:00Z']);
  });

  it('0 15 10 ? * *, 0 15 10 * * ? and 0 15 10 * * ? * all fire at 10:15 every day', () => {
    const expected = ['2024-05-01T10:15:00Z', '2024-05-02T10:15:00Z'];
    for (const e of ['0 15 10 ? * *', '0 15 10 * * ?', '0 15 10 * * ? *']) expect(fires(e, '2024-05-01T09:00:00Z', 2)).toEqual(expected);
  });

  it('0 15 10 * * ? 2005 fires only during 2005', () => {
    expect(fires('0 15 10 * * ? 2005', '2004-12-30T00:00:00Z', 2)).toEqual(['2005-01-01T10:15:00Z', '2005-01-02T10:15:00Z']);
    expect(fires('0 15 10 * * ? 2005', '2005-12-31T10:15:00Z')).toEqual([]);
  });

  it('0 * 14 * * ? fires every minute from 14:00 to 14:59', () => {
    expect(fires('0 * 14 * * ?', '2024-05-01T14:58:30Z', 3)).toEqual(['2024-05-01T14:59:00Z', '2024-05-02T14:00:00Z', '2024-05-02T14:01:00Z']);
  });

  it('0 0/5 14,18 * * ? fires every 5 minutes from 14:00 and from 18:00', () => {
    expect(fires('0 0/5 14,18 * * ?', '2024-05-01T14:54:00Z', 3)).toEqual(['2024-05-01T14:55:00Z', '2024-05-01T18:00:00Z', '2024-05-01T18:05:00Z']);
  });

  it('0 0-5 14 * * ? fires every minute from 14:00 to 14:05', () => {
    expect(fires('0 0-5 14 * * ?', '2024-05-01T14:04:00Z', 3)).toEqual(['2024-05-01T14:05:00Z', '2024-05-02T14:00:00Z', '2024-05-02T14:01:00Z']);
  });

  it('0 10,44 14 ? 3 WED fires at 14:10 and 14:44 on Wednesdays in March', () => {
    expect(fires('0 10,44 14 ? 3 WED', '2024-01-01T00:00:00Z', 3)).toEqual(['2024-03-06T14:10:00Z', '2024-03-06T14:44:00Z', '2024-03-13T14:10:00Z']);
  });

  it('0 15 10 ? * MON-FRI fires on weekdays', () => {
    // 2024-05-03 is a Friday.
    expect(fires('0 15 10 ? * MON-FRI', '2024-05-03T11:00:00Z', 2)).toEqual(['2024-05-06T10:15:00Z', '2024-05-07T10:15:00Z']);
  });

  it('0 15 10 15 * ? fires on the 15th', () => {
    expect(fires('0 15 10 15 * ?', '2024-05-16T00:00:00Z', 2)).toEqual(['2024-06-15T10:15:00Z', '2024-07-15T10:15:00Z']);
  });

  it('0 15 10 L * ? fires on the last day of the month, 29 February in a leap year', () => {
    expect(fires('0 15 10 L * ?', '2024-01-31T11:00:00Z', 3)).toEqual(['2024-02-29T10:15:00Z', '2024-03-31T10:15:00Z', '2024-04-30T10:15:00Z']);
  });

  it('0 15 10 L-2 * ? fires two days before the last day', () => {
    expect(fires('0 15 10 L-2 * ?', '2023-02-01T00:00:00Z', 2)).toEqual(['2023-02-26T10:15:00Z', '2023-03-29T10:15:00Z']);
  });

  it('0 15 10 ? * 6L fires on the last Friday of the month', () => {
    expect(fires('0 15 10 ? * 6L', '2024-05-01T00:00:00Z', 3)).toEqual(['2024-05-31T10:15:00Z', '2024-06-28T10:15:00Z', '2024-07-26T10:15:00Z']);
  });

  it('0 15 10 ? * 6L 2002-2005 stops after 2005', () => {
    expect(fires('0 15 10 ? * 6L 2002-2005', '2005-12-01T00:00:00Z', 2)).toEqual(['2005-12-30T10:15:00Z']);
  });

  it('0 15 10 ? * 6#3 fires on the third Friday', () => {
    expect(fires('0 15 10 ? * 6#3', '2024-05-01T00:00:00Z', 2)).toEqual(['2024-05-17T10:15:00Z', '2024-06-21T10:15:00Z']);
  });

  it('0 0 12 1/5 * ? fires every 5 days from the first of the month', () => {
    expect(fires('0 0 12 1/5 * ?', '2024-05-25T00:00:00Z', 4)).toEqual([
      '2024-05-26T12:00:00Z',
      '2024-05-31T12:00:00Z',
      '2024-06-01T12:00:00Z',
      '2024-06-06T12:00:00Z',
    ]);
  });

  it('0 11 11 11 11 ? fires every 11 November at 11:11', () => {
    expect(fires('0 11 11 11 11 ?', '2024-01-01T00:00:00Z', 2)).toEqual(['2024-11-11T11:11:00Z', '2025-11-11T11:11:00Z']);
  });
});

describe('Quartz syntax', () => {
  it('reads month and day names in any case, with ranges', () => {
    expect(fires('0 0 9 ? jan-feb mon', '2024-01-01T10:00:00Z', 2)).toEqual(['2024-01-08T09:00:00Z', '2024-01-15T09:00:00Z']);
  });

  it('numbers the days of the week 1 = Sunday to 7 = Saturday, and L alone is Saturday', () => {
    expect(fires('0 0 0 ? * 1', '2024-05-01T00:00:00Z', 1)).toEqual(['2024-05-05T00:00:00Z']);
    expect(fires('0 0 0 ? * L', '2024-05-01T00:00:00Z', 1)).toEqual(['2024-05-04T00:00:00Z']);
  });

  it('wraps a range whose end comes before its start (22-2, FRI-MON)', () => {
    expect(fires('0 0 22-2 * * ?', '2024-05-01T21:30:00Z', 5)).toEqual([
      '2024-05-01T22:00:00Z',
      '2024-05-01T23:00:00Z',
      '2024-05-02T00:00:00Z',
      '2024-05-02T01:00:00Z',
      '2024-05-02T02:00:00Z',
    ]);
    // 2024-05-02 is a Thursday.
    expect(fires('0 0 0 ? * FRI-MON', '2024-05-02T00:00:00Z', 4)).toEqual([
      '2024-05-03T00:00:00Z',
      '2024-05-04T00:00:00Z',
      '2024-05-05T00:00:00Z',
      '2024-05-06T00:00:00Z',
    ]);
  });

  it('reads */n, a/n and a-b/n increments, and /n as */n', () => {
    expect(fires('*/20 * * * * ?', '2024-05-01T00:00:05Z', 3)).toEqual(['2024-05-01T00:00:20Z', '2024-05-01T00:00:40Z', '2024-05-01T00:01:00Z']);
    expect(fires('5/20 * * * * ?', '2024-05-01T00:00:05Z', 2)).toEqual(['2024-05-01T00:00:25Z', '2024-05-01T00:00:45Z']);
    expect(fires('0 10-20/5 * * * ?', '2024-05-01T00:12:00Z', 3)).toEqual(['2024-05-01T00:15:00Z', '2024-05-01T00:20:00Z', '2024-05-01T01:10:00Z']);
    expect(fires('/30 * * * * ?', '2024-05-01T00:00:00Z', 2)).toEqual(['2024-05-01T00:00:30Z', '2024-05-01T00:01:00Z']);
  });

  it('fires strictly after the given time, on whole seconds', () => {
    expect(fires('* * * * * ?', '2024-05-01T00:00:00.400Z', 2)).toEqual(['2024-05-01T00:00:01Z', '2024-05-01T00:00:02Z']);
  });

  it('skips months without the day (31) and years without 29 February', () => {
    expect(fires('0 0 0 31 * ?', '2024-04-01T00:00:00Z', 2)).toEqual(['2024-05-31T00:00:00Z', '2024-07-31T00:00:00Z']);
    expect(fires('0 0 0 29 2 ?', '2024-03-01T00:00:00Z', 1)).toEqual(['2028-02-29T00:00:00Z']);
  });

  it('W picks the nearest weekday without leaving the month', () => {
    // 2024-06-15 is a Saturday: Friday the 14th. 2024-09-15 is a Sunday: Monday the 16th.
    expect(fires('0 0 0 15W * ?', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-14T00:00:00Z']);
    expect(fires('0 0 0 15W * ?', '2024-09-01T00:00:00Z', 1)).toEqual(['2024-09-16T00:00:00Z']);
    // 2024-06-01 is a Saturday: 1W is Monday the 3rd, not Friday 31 May.
    expect(fires('0 0 0 1W * ?', '2024-05-31T00:00:00Z', 1)).toEqual(['2024-06-03T00:00:00Z']);
    // 2024-03-31 is a Sunday: 31W is Friday the 29th.
    expect(fires('0 0 0 31W * ?', '2024-03-01T00:00:00Z', 1)).toEqual(['2024-03-29T00:00:00Z']);
  });

  it('LW is the last weekday of the month', () => {
    // 2024-08-31 is a Saturday, 2024-06-30 a Sunday.
    expect(fires('0 0 0 LW * ?', '2024-08-01T00:00:00Z', 1)).toEqual(['2024-08-30T00:00:00Z']);
    expect(fires('0 0 0 LW * ?', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-28T00:00:00Z']);
  });

  it('#5 fires only in months with a fifth such day', () => {
    // Fifth Friday: May 2024 has none (3, 10, 17, 24, 31: it has), June none, August 30.
    expect(fires('0 0 0 ? * 6#5', '2024-05-01T00:00:00Z', 2)).toEqual(['2024-05-31T00:00:00Z', '2024-08-30T00:00:00Z']);
  });

  it('an expression that never fires again gives nothing', () => {
    expect(fires('0 0 0 1 1 ? 2020', '2024-01-01T00:00:00Z')).toEqual([]);
    expect(fires('0 0 0 30 2 ?', '2024-01-01T00:00:00Z')).toEqual([]);
  });
});

describe('time zones and daylight saving time', () => {
  it('fires at the wall-clock time of the zone', () => {
    expect(fires('0 0 9 * * ?', '2024-07-01T00:00:00Z', 1, 'America/New_York')).toEqual(['2024-07-01T13:00:00Z']);
    expect(fires('0 0 9 * * ?', '2024-01-01T00:00:00Z', 1, 'America/New_York')).toEqual(['2024-01-01T14:00:00Z']);
  });

  it('keeps the wall-clock time across the change to summer time', () => {
    expect(fires('0 0 9 * * ?', '2024-03-09T00:00:00Z', 2, 'America/New_York')).toEqual(['2024-03-09T14:00:00Z', '2024-03-10T13:00:00Z']);
  });

  it('fires a time the clock skips as it jumps past it (02:30 at 03:30), once', () => {
    // 10 March 2024: 02:00 EST becomes 03:00 EDT in New York.
    expect(fires('0 30 2 * * ?', '2024-03-09T08:00:00Z', 2, 'America/New_York')).toEqual(['2024-03-10T07:30:00Z', '2024-03-11T06:30:00Z']);
    expect(fires('0 0/30 * * * ?', '2024-03-10T06:15:00Z', 4, 'America/New_York')).toEqual([
      '2024-03-10T06:30:00Z',
      '2024-03-10T07:00:00Z',
      '2024-03-10T07:30:00Z',
      '2024-03-10T08:00:00Z',
    ]);
  });

  it('fires a time of the hour that repeats once, at its first occurrence', () => {
    // 3 November 2024: 02:00 EDT becomes 01:00 EST; 01:30 happens at 05:30Z and 06:30Z.
    expect(fires('0 30 1 * * ?', '2024-11-02T12:00:00Z', 2, 'America/New_York')).toEqual(['2024-11-03T05:30:00Z', '2024-11-04T06:30:00Z']);
    expect(fires('0 30 * * * ?', '2024-11-03T05:00:00Z', 2, 'America/New_York')).toEqual(['2024-11-03T05:30:00Z', '2024-11-03T07:30:00Z']);
  });

  it('starting within the repeated hour, the next time is after the start', () => {
    // 06:40Z is 01:40 EST, the second 01:40 of the night.
    expect(fires('0 50 1 * * ?', '2024-11-03T06:40:00Z', 1, 'America/New_York')).toEqual(['2024-11-03T06:50:00Z']);
  });

  it('reads Java custom ids (GMT+05:30) and the abbreviations of the tz database', () => {
    expect(fires('0 0 9 * * ?', '2024-07-01T00:00:00Z', 1, 'GMT+05:30')).toEqual(['2024-07-01T03:30:00Z']);
    expect(fires('0 0 9 * * ?', '2024-07-01T00:00:00Z', 1, 'GMT-8')).toEqual(['2024-07-01T17:00:00Z']);
    expect(fires('0 0 9 * * ?', '2024-07-01T00:00:00Z', 1, 'EST')).toEqual(['2024-07-01T14:00:00Z']);
  });

  it('refuses a zone nobody knows', () => {
    expect(timeZone('Mars/Olympus_Mons')).toEqual({ error: '"Mars/Olympus_Mons" is not a time zone this runtime knows' });
    expect(timeZone('GMT+25:00')).toEqual({ error: '"GMT+25:00" has an offset out of range (GMT-23:59 to GMT+23:59)' });
  });
});

describe('invalid expressions', () => {
  it.each([
    ['0 0 12 * *', 'a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not 5'],
    ['', 'a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not 0'],
    ['0 0 12 * * * 2024 x', 'a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not 8'],
    ['0 0 12 * * *', 'one of day-of-month and day-of-week must be ?, and only one: Quartz does not combine them'],
    ['0 0 12 ? * ?', 'one of day-of-month and day-of-week must be ?, and only one: Quartz does not combine them'],
    ['60 * * * * ?', 'seconds values must be between 0 and 59, not 60'],
    ['0 0 24 * * ?', 'hours values must be between 0 and 23, not 24'],
    ['0 0 0 32 * ?', 'day-of-month values must be between 1 and 31, not 32'],
    ['0 0 0 ? 13 *', 'month values must be between 1 and 12, not 13'],
    ['0 0 0 ? * 0', 'day-of-week values must be between 1 and 7, not 0'],
    ['0 0 0 ? * 8', 'day-of-week values must be between 1 and 7, not 8'],
    ['0 0 0 ? FOO *', 'month: "FOO" is not a value (JAN-DEC or 1-12)'],
    ['0 0 0 ? * MOON', 'day-of-week: "MOON" is not a value (SUN-SAT or 1-7)'],
    ['? 0 0 * * ?', '? is only allowed for day-of-month or day-of-week, not seconds'],
    ['0/0 * * * * ?', 'seconds "0/0": the increment must be 1 to 59'],
    ['0/61 * * * * ?', 'seconds "0/61": the increment must be 1 to 59'],
    ['0/x * * * * ?', 'seconds "0/x": / must be followed by a whole number'],
    ['0 0 0 ? * MON/2', 'day-of-week "MON/2": an increment takes numbers, not names'],
    ['0 0 0 L-31 * ?', 'day-of-month "L-31": the offset from the last day must be 30 or less'],
    ['0 0 0 L,15 * ?', 'day-of-month "L,15": L and W take one day of the month, not a list or a range'],
    ['0 0 0 1-5W * ?', 'day-of-month "1-5W": L and W take one day of the month, not a list or a range'],
    ['0 0 0 ? * 6#6', 'day-of-week "6#6": the number after # must be 1 to 5'],
    ['0 0 0 ? * 2#1,6#3', 'day-of-week "2#1,6#3": L and # take one day of the week, not a list or a range'],
    ['0 0 0 ? * 5L,6', 'day-of-week "5L,6": L and # take one day of the week, not a list or a range'],
    ['0 0 0 * * ? 1969', 'year values must be between 1970 and 2199, not 1969'],
    ['0 0 0 * * ? 2030-2025', 'year "2030-2025": the range must not end before it starts'],
    ['0 0 0 1-2-3 * ?', 'day-of-month "1-2-3": "1-2-3" is not a value, a range or an increment'],
  ])('%j: %s', (expression, message) => {
    expect(errorOf(expression)).toBe(message);
  });
});
