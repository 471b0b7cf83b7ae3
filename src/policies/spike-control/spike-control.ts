import type { PolicyType } from '../shared/policy.js';
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

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

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

    const headers = (): Record<string, string> => {
      const left = window.remaining();
      const resetMs = window.nextFreeMs();
      return {
        'x-ratelimit-limit': String(c.maximumRequests),
        'x-ratelimit-remaining': String(left),
        'x-ratelimit-reset': String(resetMs),
        'ratelimit-policy': `"default";q=${c.maximumRequests};w=${seconds(c.timePeriodInMilliseconds)}`,
        ratelimit: `"default";r=${left};t=${resetMs === 0 ? 0 : seconds(resetMs)}`,
      };
    };
    const refuse = () => {
      const exposed = c.exposeHeaders ? headers() : {};
      return tooManyRequests(String(seconds(window.nextFreeMs())), exposed);
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
        const exposed = headers();
        return withHeaders(await next(), exposed);
      },
      async stop() {
        waits.wakeAll();
      },
    };
  },
};
