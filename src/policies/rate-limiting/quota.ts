import type { ResponseSpec } from '../../http/response.js';
import { MemoryStoreFactory } from '../../stores/memory-store.js';
import type { KeyValueStore } from '../../stores/store.js';
import type { Next, PolicyContext, PolicyDeps } from '../shared/policy.js';
import { withHeaders } from '../shared/refusals.js';
import { quotaUnavailable, tooManyRequests } from './refusals.js';
import { countRequest } from './count.js';
import { quotaHeaders, retryAfter } from './headers.js';
import type { NamedLimit } from './limits.js';
import type { OnStoreFailure } from './store-outage.js';
import { StoreOutage } from './store-outage.js';

export interface QuotaOptions {
  /** The policy kind: the store is `<kind>:<policy name>`. */
  readonly kind: string;
  readonly exposeHeaders: boolean;
  readonly clusterizable: boolean;
  readonly onStoreFailure: OnStoreFailure;
}

/** Counts requests against limits and answers 429 over them: what rate-limiting and its SLA-based kin share. */
export interface Quota {
  /** Counts the request in `key`'s windows of `limits`; refuses it (429) or runs `next`, adding the headers when exposed. */
  enforce(ctx: PolicyContext, next: Next, key: string, limits: readonly NamedLimit[]): Promise<ResponseSpec>;
  stop(): Promise<void>;
}

/**
 * A quota counted in the policy's store: the runtime's (Redis with `--redis`, so shared by every
 * runtime on it) when `clusterizable`, else a memory store of this policy instance alone. A store
 * that fails is never a reason to fail the request closed unless `onStoreFailure` is `deny`.
 */
export function quota(deps: PolicyDeps, options: QuotaOptions): Quota {
  const local = options.clusterizable && deps.store ? undefined : new MemoryStoreFactory(deps.now);
  const store: KeyValueStore = local ? local.open('quota') : deps.store!(`${options.kind}:${deps.policyName ?? options.kind}`);
  const outage = new StoreOutage(deps.log, { apiId: deps.apiId, policy: deps.policyName ?? options.kind }, options.onStoreFailure, deps.now);

  return {
    async enforce(ctx, next, key, limits) {
      let verdict;
      try {
        verdict = await countRequest(store, key, limits);
        outage.ok();
      } catch (err) {
        outage.failed(err);
        return options.onStoreFailure === 'allow' ? next() : quotaUnavailable();
      }
      const headers = options.exposeHeaders ? quotaHeaders(verdict.windows) : {};
      if (!verdict.allowed) {
        // debug: a client hammering past its quota must not flood the log.
        ctx.log.debug({ apiId: ctx.apiId, policy: deps.policyName ?? options.kind }, `${options.kind}: quota exceeded`);
        return tooManyRequests(retryAfter(verdict.windows), headers);
      }
      const response = await next();
      return options.exposeHeaders ? withHeaders(response, headers) : response;
    },
    async stop() {
      await local?.close();
    },
  };
}
