import type { ResponseSpec } from '../../http/response.js';
import type { PolicyContext } from '../policy.js';
import { quoted, rejection } from '../responses.js';

/**
 * RFC 6750 §3.1: a request without credentials gets a bare challenge, no error code. Anypoint
 * answers 400 instead; `anypointCompat` asks for that.
 */
export function missingToken(ctx: PolicyContext): ResponseSpec {
  return rejection(ctx.anypointCompat ? 400 : 401, { error: 'unauthorized', error_description: 'missing bearer token' }, {
    'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}`,
  });
}

/** RFC 6750 §3.1 invalid_token: `description` is a short reason, never the token or a key. */
export function invalidToken(ctx: PolicyContext, description: string): ResponseSpec {
  return rejection(401, { error: 'invalid_token', error_description: description }, {
    'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}, error="invalid_token", error_description=${quoted(description)}`,
  });
}

/** No signing keys could be had: the token cannot be checked, which is never a pass nor the client's fault. */
export function keysUnavailable(ctx: PolicyContext): ResponseSpec {
  ctx.log.error({ apiId: ctx.apiId }, 'jwt-validation: no signing keys available, answering 503');
  return rejection(503, { error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' }, { 'retry-after': '5' });
}
