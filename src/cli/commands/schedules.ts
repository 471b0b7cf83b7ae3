import type { Out } from '../admin-client.js';
import type { AdminTarget } from '../admin-command.js';
import { askAdmin, query } from '../admin-command.js';

export interface SchedulesOptions extends AdminTarget {
  /** The app whose flow it is, when several apps have a flow of that name. */
  readonly app?: string;
  readonly json?: boolean;
}

export type ScheduleAction = 'trigger' | 'pause' | 'resume';

interface ScheduleRow {
  name: string;
  app: string;
  paused?: boolean;
  nextAt?: string | null;
  error?: string;
}

/** `flowrt schedules list [NAME]`: every scheduler (or one) with whether it ticks and when next. */
export async function schedulesList(
  name: string | undefined,
  options: SchedulesOptions,
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  let rows: ScheduleRow[];
  if (name === undefined) {
    const answer = await askAdmin<{ schedules: ScheduleRow[] }>(options, { method: 'GET', path: 'schedules' }, err);
    if (!answer) return 1;
    rows = answer.schedules.filter((s) => options.app === undefined || s.app === options.app);
  } else {
    const answer = await askAdmin<ScheduleRow>(options, { method: 'GET', path: `${schedulePath(name)}${query({ app: options.app })}` }, err);
    if (!answer) return 1;
    rows = [answer];
  }
  if (options.json) out.write(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) out.write(options.app === undefined ? 'no schedules\n' : `no schedules in app ${options.app}\n`);
  else for (const s of rows) out.write(`${s.name}  ${describe(s)}\n`);
  return 0;
}

/**
 * `flowrt schedules trigger|pause|resume NAME`: a tick now (run by one runtime of the cluster),
 * or the schedule paused or resumed on every runtime.
 */
export async function scheduleAction(
  action: ScheduleAction,
  name: string,
  options: SchedulesOptions,
  out: Out = process.stdout,
  err: Out = process.stderr,
): Promise<number> {
  const path = `${schedulePath(name)}/${action}${query({ app: options.app })}`;
  const answer = await askAdmin<ScheduleRow>(options, { method: 'POST', path }, err);
  if (!answer) return 1;
  if (action === 'trigger') out.write(`triggered ${answer.name}: one runtime runs the tick now\n`);
  else out.write(`${action === 'pause' ? 'paused' : 'resumed'} ${answer.name}: ${describe(answer)}\n`);
  return 0;
}

/** `app/flow` is one path segment: its slash encoded. */
function schedulePath(name: string): string {
  return `schedules/${encodeURIComponent(name)}`;
}

function describe(s: ScheduleRow): string {
  if (s.error !== undefined) return `error: ${s.error}`;
  if (s.paused) return 'paused';
  return s.nextAt ? `ticking, next at ${s.nextAt}` : 'ticking';
}
