import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';

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
        results[i] = { ok: true, value: await withTimeout(tasks[i]!(), timeoutMs, i) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, tasks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, route: number): Promise<T> {
  if (!(timeoutMs > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FlowError(MULE.TIMEOUT, `route ${route} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Waits `ms`, without keeping a stopping process alive; rejects with the signal's reason as soon
 * as `signal` aborts (a client that left does not wait out a retry pause).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms).unref());
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms).unref();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
