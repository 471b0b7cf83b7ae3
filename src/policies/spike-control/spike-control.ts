import type { PolicyType } from '../shared/policy.js';
import type { WindowState } from '../rate-limiting/count.js';
import { quotaHeaders, retryAfter } from '../rate-limiting/headers.js';
import { named } from '../rate-limiting/limits.js';
import { tooManyRequests } from '../rate-limiting/refusals.js';
import { SPIKE_CONTROL_SCHEMA } from '../rate-limiting/schema.js';
import { SlidingWindow } from '../rate-limiting/sliding-window.js';
import { Waits } from '../rate-limiting/waits.js';
import { withHeaders } from '../shared/refusals.js';

/** The configuration as `SPIKE_CONTROL_SCHEMA` admits it. */
interface RawConfig {
  maximumRequests: number;
  timePeriodInMilliseconds: number;
  delayTimeInMillis?: number;
  delayAttempts?: number;
  queuingLimit?: number;
  exposeHeaders?: boolean;
}

/**
 * `spike-control`, with Anypoint's parameters: at most `maximumRequests` reach the flow in any
 * sliding window of `timePeriodInMilliseconds`. A request over it waits `delayTimeInMillis` and
 * tries again, up to `delayAttempts` times, then gets 429; at most `queuingLimit` requests wait at
 * once, the next one over gets 429 at once. It smooths bursts rather than enforcing a quota, and
 * protects each runtime: the window and the queue are the runtime's own (Anypoint: "protecting
 * the Mule runtime instance"), so `clusterizable` changes nothing.
 *
 * @example
 * const policy = spikeControl.create({ maximumRequests: 2, timePeriodInMilliseconds: 1000, delayTimeInMillis: 500, delayAttempts: 2, queuingLimit: 5 }, deps);
 * await policy.handle(ctx, next); // the 3rd request of a burst is served ~1 s later
 */
export const spikeControl: PolicyType = {
  id: 'spike-control',
  schema: SPIKE_CONTROL_SCHEMA,
  create(raw, deps) {
    const c = raw as unknown as RawConfig;
    const delayMs = c.delayTimeInMillis ?? 1000;
    const attempts = c.delayAttempts ?? 1;
    const queuingLimit = c.queuingLimit ?? 0;
    const window = new SlidingWindow(c.maximumRequests, c.timePeriodInMilliseconds, deps.now);
    const waits = new Waits();
    // Named as rate-limiting names its one limit, so a client reads both policies' fields alike.
    const limit = named('default', [c])[0]!;

    /** The sliding window as rate-limiting's header helper reads a window: used slots, ms until one frees. */
    const state = (): WindowState => ({ limit, count: c.maximumRequests - window.remaining(), resetMs: window.nextFreeMs() });
    const refuse = () => {
      const now = state();
      return tooManyRequests(retryAfter([now]), c.exposeHeaders ? quotaHeaders([now]) : {});
    };

    /** Waits for a slot as the configuration allows; false when it must be refused. */
    let waiting = 0;
    const queue = async (): Promise<boolean> => {
      if (waiting >= queuingLimit || attempts === 0) return false;
      waiting++;
      try {
        for (let i = 0; i < attempts; i++) {
          const waited = await waits.wait(delayMs);
          if (window.tryTake()) return true;
          if (!waited) return false;
        }
        return false;
      } finally {
        waiting--;
      }
    };

    return {
      async handle(ctx, next) {
        if (!window.tryTake() && !(await queue())) {
          ctx.log.debug({ apiId: ctx.apiId }, 'spike-control: request refused');
          return refuse();
        }
        if (!c.exposeHeaders) return next();
        const exposed = quotaHeaders([state()]);
        return withHeaders(await next(), exposed);
      },
      async stop() {
        waits.wakeAll();
      },
    };
  },
};
