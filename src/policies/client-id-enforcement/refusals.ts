import type { ResponseSpec } from '../../http/response.js';
import type { PolicyContext } from '../shared/policy.js';
import { quoted, rejection } from '../shared/refusals.js';
import type { ClientIdConfig } from './config.js';

/**
 * Why a request was refused, for the log (never with a secret in it). `no contract`: an unknown
 * client id, or one without an approved contract for this API.
 */
export type ClientIdRefusal = 'missing credentials' | 'missing secret' | 'no contract' | 'wrong secret' | 'registered at an IdP';

const DESCRIPTIONS: Record<ClientIdRefusal, string> = {
  'missing credentials': 'missing client credentials',
  'missing secret': 'missing client secret',
  // One description for both, so that an answer does not tell which client ids exist.
  'no contract': 'invalid client id or secret',
  'wrong secret': 'invalid client id or secret',
  'registered at an IdP': 'this client is registered at an identity provider: it calls the API with an access token from there, not with a client secret',
};

/**
 * 401, as Anypoint's policy answers every refusal. With the Basic origin the challenge names the
 * scheme (RFC 7617 §2); credentials in custom headers have no HTTP authentication scheme to name.
 */
export function refuse(ctx: PolicyContext, config: ClientIdConfig, why: ClientIdRefusal, clientId?: string): ResponseSpec {
  // debug: a flood of bad credentials must not flood the log.
  ctx.log.debug({ apiId: ctx.apiId, clientId, reason: why }, 'client-id-enforcement: request refused');
  const missing = why === 'missing credentials';
  return rejection(
    401,
    { error: missing ? 'unauthorized' : 'invalid_client', error_description: DESCRIPTIONS[why] },
    config.origin === 'basic' ? { 'www-authenticate': `Basic realm=${quoted(ctx.apiId)}` } : {},
  );
}
