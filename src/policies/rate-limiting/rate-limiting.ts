import { toText } from '../../expr/value.js';
import type { Value } from '../../expr/value.js';
import { policyValue } from '../shared/expressions.js';
import type { PolicyType, RateLimit } from '../shared/policy.js';
import { named } from './limits.js';
import { quota } from './quota.js';
import { RATE_LIMITING_SCHEMA } from './schema.js';
import type { OnStoreFailure } from './store-outage.js';

/** The configuration as `RATE_LIMITING_SCHEMA` admits it. */
interface RawConfig {
  rateLimits: RateLimit[];
  keySelector?: string;
  exposeHeaders?: boolean;
  clusterizable?: boolean;
  onStoreFailure?: OnStoreFailure;
}

/**
 * `rate-limiting`, with Anypoint's parameters: every limit of `rateLimits` is a fixed window that
 * starts at its key's first request, and a request passes only while each window has quota left
 * (else 429 with `Retry-After`). `keySelector` gives one quota per value; without it the API has
 * one. With `clusterizable` (the default) the counters live in the runtime's store, so every
 * runtime on the same Redis shares them.
 *
 * @example
 * const policy = rateLimiting.create({ rateLimits: [{ maximumRequests: 100, timePeriodInMilliseconds: 60_000 }] }, deps);
 * await policy.handle(ctx, next); // next() for the first 100 requests of each minute, then 429
 */
export const rateLimiting: PolicyType = {
  id: 'rate-limiting',
  schema: RATE_LIMITING_SCHEMA,
  create(raw, deps) {
    const config = raw as unknown as RawConfig;
    const limits = named('default', config.rateLimits);
    const selector: Value | undefined = config.keySelector === undefined ? undefined : policyValue(config.keySelector, '/keySelector');
    const counter = quota(deps, {
      kind: 'rate-limiting',
      exposeHeaders: config.exposeHeaders ?? false,
      clusterizable: config.clusterizable ?? true,
      onStoreFailure: config.onStoreFailure ?? 'allow',
    });
    return {
      async handle(ctx, next) {
        // A value the selector cannot find (or an expression that fails) is the empty key: one quota for all such requests.
        const key = selector ? await selector.evaluate(ctx.event()).then(toText, () => '') : '';
        return counter.enforce(ctx, next, key, limits);
      },
      stop: () => counter.stop(),
    };
  },
};
