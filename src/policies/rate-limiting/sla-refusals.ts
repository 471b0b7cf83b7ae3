import type { ResponseSpec } from '../../http/response.js';
import type { PolicyContext } from '../shared/policy.js';
import { rejection } from '../shared/refusals.js';

/** Why rate-limiting-sla-based refused a client, for the log (never with a secret in it). */
export type SlaRefusal = 'missing credentials' | 'missing secret' | 'unknown client' | 'wrong secret' | 'no contract' | 'no tier' | 'unknown tier';

const UNAUTHORIZED: Partial<Record<SlaRefusal, readonly [string, string]>> = {
  'missing credentials': ['unauthorized', 'missing client credentials'],
  'missing secret': ['invalid_client', 'missing client secret'],
  // One description for both, so that an answer does not tell which client ids exist.
  'unknown client': ['invalid_client', 'invalid client id or secret'],
  'wrong secret': ['invalid_client', 'invalid client id or secret'],
};

/**
 * 401 for credentials (Anypoint: "invalid client credentials"), with client-id-enforcement's
 * bodies; 403 once the client is known but its contract cannot give it a quota, saying why, as
 * only a client that proved who it is gets that far.
 */
export function refuseSla(ctx: PolicyContext, why: SlaRefusal, detail: { clientId?: string; application?: string; tier?: string } = {}): ResponseSpec {
  ctx.log.debug({ apiId: ctx.apiId, clientId: detail.clientId, reason: why }, 'rate-limiting-sla-based: request refused');
  const unauthorized = UNAUTHORIZED[why];
  if (unauthorized) return rejection(401, { error: unauthorized[0], error_description: unauthorized[1] });
  const app = `client application ${detail.application}`;
  const description =
    why === 'no contract'
      ? `${app} has no approved contract for API ${ctx.apiId}`
      : why === 'no tier'
        ? `the contract of ${app} with API ${ctx.apiId} names no SLA tier`
        : `the contract of ${app} names SLA tier "${detail.tier}", which API ${ctx.apiId} does not define`;
  return rejection(403, { error: 'forbidden', error_description: description });
}
