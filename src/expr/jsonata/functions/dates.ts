/*
 * $now, $millis, $fromMillis, $toMillis, $formatInteger and $parseInteger.
 *
 * JSONata reads the clock once per evaluation: every $now() and $millis() of one evaluation
 * gives the same instant. The time is read lazily, on the first use in an evaluation, and
 * kept until the evaluation ends. Compiled evaluations are synchronous, so "until the current
 * task ends" is the evaluation: a microtask forgets the instant. `evaluationClock()` forgets it
 * at once, for a caller that runs several evaluations in one task.
 */
import { JsonataError, type Builtin } from '../values.js';
import { formatDateTime } from './date-format.js';
import { parseDateTime, parseInteger } from './date-parse.js';
import { formatInteger } from './integer-picture.js';

let instant: Date | undefined;

/** Starts a new evaluation's clock: the next $now() or $millis() reads the time afresh. */
export function evaluationClock(): void {
  instant = undefined;
}

/** The instant of the current evaluation. */
export function evaluationTime(): Date {
  if (instant === undefined) {
    instant = new Date();
    queueMicrotask(evaluationClock);
  }
  return instant;
}

const ISO_8601 = /^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$/;

/**
 * @example
 * toMillis('2017-11-07T15:07:54.972Z'); // 1510067274972
 * toMillis('2018-10-21', '[Y0001]-[M01]-[D01]'); // 1540080000000
 */
function toMillis(timestamp: string | undefined, picture?: string): number | undefined {
  if (timestamp === undefined) return undefined;
  if (picture !== undefined) return parseDateTime(timestamp, picture, evaluationTime());
  if (!ISO_8601.test(timestamp)) {
    throw new JsonataError('D3110', `The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given ${JSON.stringify(timestamp)}`, {
      value: timestamp,
    });
  }
  return Date.parse(timestamp);
}

function fromMillis(millis: number | undefined, picture?: string, timezone?: string): string | undefined {
  return millis === undefined ? undefined : formatDateTime(millis, picture, timezone);
}

export const DATES: Readonly<Record<string, Builtin>> = {
  now: { signature: '<s?s?:s>', impl: (picture?: string, timezone?: string) => formatDateTime(evaluationTime().getTime(), picture, timezone) },
  millis: { signature: '<:n>', impl: () => evaluationTime().getTime() },
  fromMillis: { signature: '<n-s?s?:s>', impl: fromMillis },
  toMillis: { signature: '<s-s?:n>', impl: toMillis },
  formatInteger: { signature: '<n-s:s>', impl: formatInteger },
  parseInteger: { signature: '<s-s:n>', impl: parseInteger },
};
