import { sleep } from '../util/sleep.js';
import { withTimeout } from '../util/with-timeout.js';
import { isConnectionFailure } from './bullmq-connection.js';
import type { RedisLink } from './bullmq-connection.js';
import { QueueUnavailableError } from './queue-errors.js';

/** How long an admin operation (stats, dead letters …) may wait for Redis. */
export const ADMIN_MS = 5_000;
/** However short the caller's timeout, one round trip to Redis gets this long. */
const MIN_ROUND_TRIP_MS = 250;
/** Between two tries while Redis is away. */
const PAUSE_MS = 100;

/**
 * Runs `op`, again while Redis is away, until `deadline`; then rejects with a
 * `QueueUnavailableError` saying why. An answer from Redis that is an error is not retried.
 */
export async function attempt<T>(op: () => Promise<T>, deadline: number, context: { link: RedisLink; what: string; check?: () => void }): Promise<T> {
  const { link, what } = context;
  for (;;) {
    context.check?.();
    const late = new Error('no answer in time');
    try {
      return await withTimeout(op(), Math.max(MIN_ROUND_TRIP_MS, deadline - Date.now()), () => late);
    } catch (err) {
      const away = err === late || isConnectionFailure(err);
      if (!away)
        throw new QueueUnavailableError(`could not ${what} (Redis at ${link.location}): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      if (deadline - Date.now() <= PAUSE_MS) {
        throw new QueueUnavailableError(`could not ${what}: Redis at ${link.location} is unavailable: ${err === late ? late.message : link.reason(err)}`, {
          cause: err,
        });
      }
      await sleep(PAUSE_MS);
    }
  }
}

/** The parts of a BullMQ Queue, Worker or QueueEvents that closing uses. */
interface Closable {
  close(): Promise<void>;
  getBackend(): { close(force?: boolean): Promise<void> };
}

/**
 * Closes a BullMQ object politely (QUIT), or, when that takes more than `politeMs` (Redis away:
 * a QUIT waits for it), by cutting its connections. Never waits much longer than that.
 */
export async function shut(closable: Closable, politeMs = 1_000): Promise<void> {
  const polite = closable.close().then(
    () => true,
    () => true,
  );
  if (await Promise.race([polite, sleep(politeMs).then(() => false)])) return;
  await Promise.race([
    closable
      .getBackend()
      .close(true)
      .catch(() => undefined),
    sleep(politeMs),
  ]);
}
