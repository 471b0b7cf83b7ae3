import { clientIdConfig } from '../client-id-enforcement/config.js';
import { clientVars } from '../client-id-enforcement/contract.js';
import { credentialsOf } from '../client-id-enforcement/credentials.js';
import { secretMatches } from '../client-id-enforcement/secret.js';
import type { PolicyType, RateLimit } from '../shared/policy.js';
import type { NamedLimit } from './limits.js';
import { named } from './limits.js';
import { quota } from './quota.js';
import { SLA_SCHEMA } from './schema.js';
import { refuseSla } from './sla-refusals.js';
import type { OnStoreFailure } from './store-outage.js';

/** The configuration as `SLA_SCHEMA` admits it (the credential expressions are client-id-enforcement's). */
interface RawConfig {
  exposeHeaders?: boolean;
  clusterizable?: boolean;
  onStoreFailure?: OnStoreFailure;
}

/**
 * `rate-limiting-sla-based`, with Anypoint's parameters: the caller is identified as
 * client-id-enforcement does (client id and secret, the secret checked against its sha256 in
 * constant time), and its quota is the limits of the SLA tier its approved contract names
 * (`apis[].tiers`), counted per client id. Credentials are always checked, whatever the store
 * does: `onStoreFailure` only decides what happens when the counting cannot be done.
 *
 * @example
 * const policy = rateLimitingSlaBased.create({ exposeHeaders: true }, deps);
 * await policy.handle(ctx, next); // 401 bad credentials, 403 no contract or tier, 429 over the tier's limits
 */
export const rateLimitingSlaBased: PolicyType = {
  id: 'rate-limiting-sla-based',
  schema: SLA_SCHEMA,
  create(raw, deps) {
    const config = raw as RawConfig;
    const credentials = clientIdConfig(raw);
    const secretAsked = credentials.origin === 'basic' || credentials.clientSecret !== undefined;
    const counter = quota(deps, {
      kind: 'rate-limiting-sla-based',
      exposeHeaders: config.exposeHeaders ?? false,
      clusterizable: config.clusterizable ?? true,
      onStoreFailure: config.onStoreFailure ?? 'allow',
    });
    // A tier's limits are the same object until the document changes: name them once per version.
    const names = new WeakMap<readonly RateLimit[], NamedLimit[]>();
    const namedOnce = (tier: string, limits: readonly RateLimit[]): NamedLimit[] => {
      let found = names.get(limits);
      if (!found) names.set(limits, (found = named(tier, limits)));
      return found;
    };
    return {
      async handle(ctx, next) {
        const presented = await credentialsOf(ctx, credentials);
        if (!presented) return refuseSla(ctx, 'missing credentials');
        const { clientId, secret } = presented;
        if (secretAsked && secret === undefined) return refuseSla(ctx, 'missing secret', { clientId });
        const app = deps.applications?.find(clientId);
        // Compared even for an unknown client, so that the answer takes as long either way.
        const secretOk = secret === undefined || secretMatches(secret, app?.clientSecretHash);
        if (!app) return refuseSla(ctx, 'unknown client', { clientId });
        if (!secretOk) return refuseSla(ctx, 'wrong secret', { clientId });
        const contract = deps.contracts?.find(clientId);
        if (!contract) return refuseSla(ctx, 'no contract', { clientId, application: app.application });
        if (contract.tier === undefined) return refuseSla(ctx, 'no tier', { clientId, application: app.application });
        const limits = deps.tiers?.find(contract.tier);
        if (!limits) return refuseSla(ctx, 'unknown tier', { clientId, application: app.application, tier: contract.tier });
        ctx.vars.client = clientVars(contract);
        return counter.enforce(ctx, next, clientId, namedOnce(contract.tier, limits));
      },
      stop: () => counter.stop(),
    };
  },
};
