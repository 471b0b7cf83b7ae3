import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import { withTimeout } from '../util/with-timeout.js';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs every task, at most `limit` at a time, and reports each outcome in input order. A task
 * still running after `timeoutMs` counts as failed with MULE:TIMEOUT (it cannot be stopped, but
 * nothing waits for it any more).
 */
export async function settleAll<T>(tasks: ReadonlyArray<() => Promise<T>>, limit = Infinity, timeoutMs = 0): Promise<Array<Settled<T>>> {
  const results = new Array<Settled<T>>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await bounded(tasks[i]!(), timeoutMs, i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, tasks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** A route still running after `timeoutMs` (0: no limit) counts as failed with MULE:TIMEOUT. */
function bounded<T>(work: Promise<T>, timeoutMs: number, route: number): Promise<T> {
  if (!(timeoutMs > 0)) return work;
  return withTimeout(work, timeoutMs, () => new FlowError(MULE.TIMEOUT, `route ${route} did not finish within ${timeoutMs} ms`));
}
