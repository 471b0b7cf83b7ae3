import type { JWTPayload } from 'jose';
import { LogLimiter } from '../../runtime/log-limiter.js';
import { clientVars, tokenContract } from '../client-id-enforcement/contract.js';
import { invalidToken, missingToken, tokenUnavailable } from '../shared/bearer-refusals.js';
import { claimProblem } from './claims.js';
import { jwtConfig } from './config.js';
import type { JwtConfig } from './config.js';
import { keysFor } from './keys.js';
import { JWT_SCHEMA } from './schema.js';
import { tokenOf } from './token-origin.js';
import { verifier } from './verify.js';
import type { PolicyContext, PolicyType } from '../shared/policy.js';
import { deepFreeze, headerValue } from '../shared/shared-values.js';
import { TokenCache } from '../shared/token-cache.js';

/** However long a token lives, a verified one is checked again after this (a key removed from a JWKS stops working). */
export const MAX_AGE_MS = 5 * 60_000;

/** What a verified token gives each request that carries it. */
interface Accepted {
  readonly claims: Readonly<JWTPayload>;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * `jwt-validation`, with Anypoint's parameters: the token's signature with a one-algorithm
 * allow-list (RFC 8725: no alg none unless asked, no RS/HS confusion, never a key the token
 * points at), exp/nbf, audience, issuers, typ and custom claims. The claims reach the flow as
 * `vars.claimSet`; with `skipClientIdValidation: false` the token's client must have an approved
 * contract for the API (`vars.client`). Refusals answer as RFC 6750 §3 says. Keys and expressions
 * are read once here; a token seen before costs a cache lookup.
 *
 * @example
 * const policy = jwtValidation.create({ signingMethod: 'hmac', textKey: secret }, deps);
 * await policy.handle(ctx, next); // 401 without a valid token, else next()
 */
export const jwtValidation: PolicyType = {
  id: 'jwt-validation',
  schema: JWT_SCHEMA,
  create(raw, deps) {
    const config = jwtConfig(raw);
    // While keys cannot be had every request fails alike: one line per reason, repeats summed up.
    const logs = new LogLimiter({ now: deps.now });
    const keys = keysFor(config, deps, logs);
    const verify = verifier(config, keys.source);
    const cache = new TokenCache<Accepted>(deps.now);
    const skewMs = config.clockSkewSec * 1000;

    return {
      async handle(ctx, next) {
        const token = await tokenOf(ctx, config);
        if (token === undefined) return missingToken(ctx);
        let accepted = cache.get(token);
        if (!accepted) {
          const verdict = await verify(token, deps.now());
          if (!verdict.ok)
            return 'unavailable' in verdict ? tokenUnavailable(ctx, 'jwt-validation', 'no signing keys available', logs) : invalidToken(ctx, verdict.reason);
          const problem = await claimProblem(verdict.claims, config);
          if (problem) return invalidToken(ctx, problem);
          accepted = accept(verdict.claims, config);
          // Never past exp (plus the leeway), nor MAX_AGE_MS; a token without exp only the latter.
          const exp = typeof accepted.claims.exp === 'number' ? accepted.claims.exp * 1000 + skewMs : Infinity;
          cache.set(token, accepted, Math.min(exp, deps.now() + MAX_AGE_MS));
        }
        if (config.clientIdExpression) {
          // Looked up on every request, not cached with the token: a revoked contract applies at once.
          const contract = await tokenContract(ctx, config.clientIdExpression, accepted.claims, deps.contracts);
          if (!contract) return invalidToken(ctx, 'client has no contract with this API');
          ctx.vars.client = clientVars(contract);
        }
        ctx.vars.claimSet = accepted.claims;
        ownHeaders(ctx, config, accepted);
        return next();
      },
      async stop() {
        logs.stop();
        await keys.stop();
      },
    };
  },
};

/**
 * The claimsToHeaders headers are the policy's: whatever the client sent under those names is
 * removed, claim or no claim, so a token without `sub` and a forged `x-user: admin` never reach
 * the flow as the IdP's word. Then the token's claims are added.
 */
function ownHeaders(ctx: PolicyContext, config: JwtConfig, accepted: Accepted): void {
  for (const [, header] of config.claimsToHeaders) ctx.removedHeaders.add(header);
  Object.assign(ctx.addedHeaders, accepted.headers);
}

/** Frozen, since one verified token's claims are shared by every request that carries it. */
function accept(claims: JWTPayload, config: JwtConfig): Accepted {
  const headers: Record<string, string> = {};
  for (const [claim, header] of config.claimsToHeaders) {
    // A header value cannot hold CR, LF or NUL (RFC 9110 §5.5), whatever a claim says.
    if (claims[claim] !== undefined && claims[claim] !== null) headers[header] = headerValue(claims[claim]);
  }
  return { claims: deepFreeze(claims), headers: Object.freeze(headers) };
}
