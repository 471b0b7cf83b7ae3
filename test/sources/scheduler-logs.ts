import type { LogLine } from '../helpers/app.js';

/** The due times of the ticks that ran a flow, from the scheduler's own "scheduler fired" log line. */
export function fired(logs: readonly LogLine[], flow?: string): number[] {
  return logs.filter((l) => l.msg === 'scheduler fired' && (!flow || l.flow === flow)).map((l) => Date.parse(l.dueAt as string));
}
