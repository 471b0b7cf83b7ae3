import type { CodeDoc } from './code-doc.js';

/** Schedulers: each code with what it means, a message it comes with and what to do. */
export const SCHEDULER_CODES = {
  'invalid-cron-expression': {
    meaning: 'a scheduler cron expression that is not a Quartz expression',
    example: 'expression "0 0 12 * * *" is not a Quartz cron expression: one of day-of-month and day-of-week must be ?, and only one',
    fix: 'write seconds minutes hours day-of-month month day-of-week [year], with ? in one day field: 0 0 12 * * ?',
  },
  'unknown-time-zone': {
    meaning: 'a cron timeZone the runtime does not know',
    example: 'timeZone "America/Nowhere" is not a time zone this runtime knows',
    fix: "give an IANA zone (Europe/Paris, America/New_York) or a GMT offset (GMT+05:30); leave it out for the runtime's zone",
  },
  'invalid-frequency': {
    meaning: 'a fixed-frequency frequency below 1, or a negative startDelay',
    example: 'frequency="0" cannot schedule: a scheduler fires every 1 MILLISECONDS or more',
    fix: 'give a frequency of 1 or more and a startDelay of 0 or more, in timeUnit; leave frequency out for every minute',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
