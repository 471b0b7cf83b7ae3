import type { QuartzCron } from './quartz-cron.js';
import { parseQuartz } from './quartz-cron.js';
import { nextFire } from './quartz-next.js';
import type { Timing } from './schedule.js';
import type { Zone } from './time-zone.js';
import { timeZone } from './time-zone.js';

const parsed = new Map<string, { readonly cron: QuartzCron; readonly zone: Zone }>();

/** Why a timing cannot run (a bad expression, zone or frequency), or undefined when it can. */
export function timingProblem(timing: Timing): string | undefined {
  if (timing.kind === 'every') {
    if (!(timing.everyMs >= 1) || !Number.isSafeInteger(timing.everyMs)) return `a frequency of ${timing.everyMs} ms cannot be scheduled`;
    if (!(timing.startDelayMs >= 0) || !Number.isSafeInteger(timing.startDelayMs)) return `a start delay of ${timing.startDelayMs} ms cannot be scheduled`;
    return undefined;
  }
  const cron = parseQuartz(timing.expression);
  if ('error' in cron) return cron.error;
  const zone = timeZone(timing.timeZone);
  return 'error' in zone ? zone.error : undefined;
}

/**
 * When a cron timing fires next, strictly after `after`; undefined when it never does again.
 * Throws for a timing {@link timingProblem} refuses (the scheduler source checks it at load).
 */
export function nextCron(expression: string, zoneId: string | undefined, after: number): number | undefined {
  const key = `${zoneId ?? ''}\n${expression}`;
  let entry = parsed.get(key);
  if (!entry) {
    const cron = parseQuartz(expression);
    const zone = timeZone(zoneId);
    if ('error' in cron) throw new Error(cron.error);
    if ('error' in zone) throw new Error(zone.error);
    // A handful of schedules per runtime: the bound only guards against a caller making them up.
    if (parsed.size > 1000) parsed.clear();
    parsed.set(key, (entry = { cron, zone }));
  }
  return nextFire(entry.cron, entry.zone, after);
}

/**
 * Whether two timings fire at the same times once running: a changed start delay alone does not
 * move a fixed-frequency schedule that runs already.
 */
export function sameCadence(a: Timing, b: Timing): boolean {
  if (a.kind === 'every') return b.kind === 'every' && a.everyMs === b.everyMs;
  return b.kind === 'cron' && a.expression === b.expression && a.timeZone === b.timeZone;
}

/** The first due time of a fixed-frequency grid through `phase` that is after `after`. */
export function nextOnGrid(phase: number, everyMs: number, after: number): number {
  if (phase > after) return phase;
  return phase + (Math.floor((after - phase) / everyMs) + 1) * everyMs;
}
