import type { ResponseSpec } from '../http/response.js';
import type { LogLimiter } from '../runtime/log-limiter.js';
import type { PolicyContext } from './policy.js';
import { rejection } from './responses.js';

/**
 * The token cannot be checked now (no signing keys, the IdP unreachable): 503, never a pass nor
 * the client's fault. `why` goes to the log only, through `logs`: while the cause lasts every
 * request would log it, so one line per reason is written and its repeats are summed up.
 * (bearer-refusals' `cannotCheck` without the flood.)
 *
 * @example
 * return tokenUnavailable(ctx, 'jwt-validation', 'no signing keys available', logs);
 */
export function tokenUnavailable(ctx: PolicyContext, policy: string, why: string, logs: LogLimiter): ResponseSpec {
  logs.error(ctx.log, why, { apiId: ctx.apiId, reason: why }, `${policy}: the token cannot be checked, answering 503`);
  return rejection(503, { error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' }, { 'retry-after': '5' });
}
