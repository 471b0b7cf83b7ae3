import type { ResponseSpec } from '../../http/response.js';
import { LogLimiter } from '../../runtime/log-limiter.js';
import { StoreUnavailableError } from '../../stores/store-error.js';
import { insufficientScope, invalidToken, missingToken, tokenUnavailable } from '../shared/bearer-refusals.js';
import { clientVars } from '../client-id-enforcement/contract.js';
import type { Contract, Introspection } from '../shared/identity.js';
import { IdpUnavailableError } from '../shared/identity.js';
import { bearerToken } from '../jwt-validation/token-origin.js';
import type { Policy, PolicyContext, PolicyDeps } from '../shared/policy.js';
import type { Accepted } from './accepted.js';
import { accept, EXPOSED_PREFIX, tokenProblem } from './accepted.js';
import type { EnforcementConfig } from './config.js';
import { TokenCache } from '../shared/token-cache.js';
import { withTimeout } from '../../util/with-timeout.js';

/** Asks the IdP about one token; throws IdpUnavailableError when it cannot say. */
export type Introspector = (token: string) => Promise<Introspection>;

export interface EnforcementOptions {
  /** The policy's id, for the log. */
  readonly id: string;
  readonly config: EnforcementConfig;
  readonly deps: PolicyDeps;
  readonly introspector: Introspector;
  /** Releases what the introspector holds. */
  readonly stop?: () => Promise<void>;
}

/**
 * The token-enforcement policies' one implementation: the bearer token is introspected (RFC
 * 7662), must be active and unexpired, belong to a client with a contract (unless skipped) and
 * carry the scopes; the flow then sees `vars.authentication` (and `vars.client`, the contract). A token the IdP vouched for is
 * trusted for the cache TTL, never past its `exp`; when the IdP cannot answer for a token not
 * cached, the answer is 503, never a pass.
 *
 * @example
 * const policy = enforcement({ id, config, deps, introspector: (t) => provider.introspect(t) });
 * await policy.handle(ctx, next); // 401/403/503, or next()
 */
export function enforcement(o: EnforcementOptions): Policy {
  const { id, config, deps } = o;
  const cache = new TokenCache<Accepted>(deps.now, config.maxCacheEntries);
  const inFlight = new Map<string, Promise<Introspection>>();
  // While the IdP is down every new token fails alike: one line per reason, repeats summed up.
  const logs = new LogLimiter({ now: deps.now });

  /** One introspection per token at a time: concurrent requests with a new token share it. */
  const ask = (token: string): Promise<Introspection> => {
    let answer = inFlight.get(token);
    if (!answer) {
      answer = withTimeout(
        o.introspector(token),
        config.timeoutMs,
        () => new IdpUnavailableError(`no answer from the IdP within ${config.timeoutMs} ms (authenticationTimeout)`),
      ).finally(() => inFlight.delete(token));
      inFlight.set(token, answer);
    }
    return answer;
  };

  /** The token's verdict: accepted (and cached when it may be), or the refusal. */
  const check = async (ctx: PolicyContext, token: string): Promise<Accepted | ResponseSpec> => {
    let answer: Introspection;
    try {
      answer = await ask(token);
    } catch (e) {
      // A provider asked in process (client provider type flowrt) whose store is down cannot say either.
      if (e instanceof IdpUnavailableError || e instanceof StoreUnavailableError) return tokenUnavailable(ctx, id, e.message, logs);
      throw e;
    }
    const problem = tokenProblem(answer, deps.now());
    if (problem) return invalidToken(ctx, problem);
    const accepted = accept(answer, config.exposeHeaders);
    // A token without exp could be revoked for ever without the cache learning it: not kept.
    if (accepted.expiresAt !== undefined && config.cacheTtlMs > 0) cache.set(token, accepted, Math.min(deps.now() + config.cacheTtlMs, accepted.expiresAt));
    return accepted;
  };

  return {
    async handle(ctx, next) {
      const token = bearerToken(ctx);
      if (token === undefined) return missingToken(ctx);
      const verdict = cache.get(token) ?? (await check(ctx, token));
      if ('status' in verdict) return verdict;
      const contract = config.skipClientIdValidation ? undefined : contractOf(verdict, deps);
      if (!config.skipClientIdValidation && !contract) return invalidToken(ctx, 'client has no contract with this API');
      const refusal = scopeRefusal(ctx, verdict, config);
      if (refusal) return refusal;
      ctx.vars.authentication = verdict.authentication;
      if (contract) ctx.vars.client = clientVars(contract);
      if (config.exposeHeaders) expose(ctx, verdict);
      return next();
    },
    async stop() {
      cache.clear();
      logs.stop();
      await o.stop?.();
    },
  };
}

/**
 * Anypoint's client id validation: the approved contract of the token's client with the API.
 * Looked up on every request, so a revoked contract applies at once, cached token or not.
 */
function contractOf(accepted: Accepted, deps: PolicyDeps): Contract | undefined {
  const clientId = accepted.authentication.clientId;
  return clientId === undefined ? undefined : deps.contracts?.find(clientId);
}

/** `scopeValidationCriteria`: AND needs every configured scope, OR any one of them. */
function scopeRefusal(ctx: PolicyContext, accepted: Accepted, config: EnforcementConfig): ResponseSpec | undefined {
  if (config.scopes.length === 0) return undefined;
  const granted = new Set(accepted.authentication.scopes);
  const ok = config.criteria === 'AND' ? config.scopes.every((s) => granted.has(s)) : config.scopes.some((s) => granted.has(s));
  return ok ? undefined : insufficientScope(ctx, config.scopes);
}

/**
 * The introspection answer as X-AGW-* request headers. Those names are the policy's: every X-AGW-*
 * header the client sent itself is removed (not only those the answer fills), so the flow never
 * takes one for the IdP's word.
 */
function expose(ctx: PolicyContext, accepted: Accepted): void {
  for (const name of Object.keys(ctx.request.headers)) if (name.startsWith(EXPOSED_PREFIX)) ctx.removedHeaders.add(name);
  Object.assign(ctx.addedHeaders, accepted.headers);
}
