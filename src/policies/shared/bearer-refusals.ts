import type { ResponseSpec } from '../../http/response.js';
import type { LogLimiter } from '../../runtime/log-limiter.js';
import type { PolicyContext } from './policy.js';
import { quoted, rejection } from './refusals.js';

/**
 * The answers of policies that take a bearer token (jwt-validation, the token-enforcement
 * policies), as RFC 6750 §3 words them.
 */

/**
 * RFC 6750 §3.1: a request without credentials gets a bare challenge, no error code. Anypoint
 * answers 400 instead; `anypointCompat` asks for that.
 */
export function missingToken(ctx: PolicyContext): ResponseSpec {
  return rejection(
    ctx.anypointCompat ? 400 : 401,
    { error: 'unauthorized', error_description: 'missing bearer token' },
    {
      'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}`,
    },
  );
}

/** RFC 6750 §3.1 invalid_token: `description` is a short reason, never the token or a key. */
export function invalidToken(ctx: PolicyContext, description: string): ResponseSpec {
  return rejection(
    401,
    { error: 'invalid_token', error_description: description },
    {
      'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}, error="invalid_token", error_description=${quoted(description)}`,
    },
  );
}

/**
 * RFC 6750 §3.1 insufficient_scope: 403, and the `scope` attribute (§3) names what the resource
 * needs, so the client knows which token to ask for.
 */
export function insufficientScope(ctx: PolicyContext, required: readonly string[]): ResponseSpec {
  const scope = required.join(' ');
  const description = `the token lacks the scope this resource needs: ${scope}`;
  return rejection(
    403,
    { error: 'insufficient_scope', error_description: description, scope },
    {
      'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}, error="insufficient_scope", error_description=${quoted(description)}, scope=${quoted(scope)}`,
    },
  );
}

/**
 * The token cannot be checked now (no signing keys, the IdP unreachable): 503, never a pass nor
 * the client's fault. `why` goes to the log only, through `logs`: while the cause lasts every
 * request would log it, so one line per reason is written and its repeats are summed up.
 *
 * @example
 * return tokenUnavailable(ctx, 'jwt-validation', 'no signing keys available', logs);
 */
export function tokenUnavailable(ctx: PolicyContext, policy: string, why: string, logs: LogLimiter): ResponseSpec {
  logs.error(ctx.log, why, { apiId: ctx.apiId, reason: why }, `${policy}: the token cannot be checked, answering 503`);
  return rejection(503, { error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' }, { 'retry-after': '5' });
}
