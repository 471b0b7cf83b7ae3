import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import { json, oauthError } from '../responses.js';
import { parseScope } from '../scope.js';
import type { Client } from '../settings.js';

/** RFC 6749 §6, with the provider's refresh strategy (see TokenService.refresh). */
export async function refreshTokenGrant(form: URLSearchParams, client: Client, core: ProviderCore, issuer: string): Promise<ResponseSpec> {
  const token = form.get('refresh_token');
  if (!token) return oauthError('invalid_request', 'refresh_token is required');
  const asked = parseScope(form.get('scope'));
  if (asked === undefined) return oauthError('invalid_scope', 'scope is not a space-separated list of scope tokens');
  const outcome = await core.tokens.refresh(token, client.clientId, asked.length > 0 ? asked : undefined, issuer);
  if (!outcome.ok) return oauthError(outcome.error, outcome.reason);
  return json(200, outcome.tokens);
}
