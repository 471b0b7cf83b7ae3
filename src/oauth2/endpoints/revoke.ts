import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';
import { formOf, repeated } from '../request.js';
import { json, oauthError } from '../responses.js';

/**
 * Token revocation (RFC 7009): the client authenticates; a token it does not own is left alone,
 * and an unknown or already revoked one still answers 200 (§2.2). Revoking a refresh token
 * revokes the access tokens of its grant.
 */
export async function revokeEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const form = formOf(req);
  if (!form) return oauthError('invalid_request', 'the revocation endpoint takes an application/x-www-form-urlencoded body');
  // RFC 6749 §3.1 (for the client authentication parameters of §2.3.1 this request carries, and the
  // token): a parameter sent twice is refused, never read one way here and another by whatever is in front.
  const twice = repeated(form);
  if (twice) return oauthError('invalid_request', `parameter ${twice} appears more than once`);
  const auth = await core.clients.authenticate(req, form);
  if (!auth.ok) return oauthError(auth.error, auth.description, { basic: auth.basic });
  const token = form.get('token');
  if (!token) return oauthError('invalid_request', 'token is required');
  const hint = form.get('token_type_hint');
  if (hint !== null && hint !== 'access_token' && hint !== 'refresh_token') {
    return oauthError('unsupported_token_type', `token_type_hint ${hint} is not one this server knows`);
  }
  const clientId = auth.client.clientId;
  const access = await core.tokens.lookup(token);
  if (access?.clientId === clientId) await core.tokens.revokeAccess(token);
  else {
    const refresh = await core.tokens.lookupRefresh(token);
    if (refresh?.clientId === clientId) await core.tokens.revokeRefresh(token);
  }
  return json(200, {});
}
