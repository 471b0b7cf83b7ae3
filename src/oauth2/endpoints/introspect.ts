import type { ResponseSpec } from '../../http/response.js';
import type { AccessRecord } from '../tokens.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';
import { formOf, repeated } from '../request.js';
import { json, oauthError } from '../responses.js';

/**
 * Token introspection (RFC 7662): the caller authenticates as a client; a token that is not
 * active (unknown, expired, revoked, of a revoked grant) answers `{"active":false}` and nothing
 * else (§2.2), whoever it was issued to.
 */
export async function introspectEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const form = formOf(req);
  if (!form) return oauthError('invalid_request', 'the introspection endpoint takes an application/x-www-form-urlencoded body');
  // RFC 6749 §3.1 (for the client authentication parameters of §2.3.1 this request carries, and the
  // token): a parameter sent twice is refused, never read one way here and another by whatever is in front.
  const twice = repeated(form);
  if (twice) return oauthError('invalid_request', `parameter ${twice} appears more than once`);
  const auth = await core.clients.authenticate(req, form);
  if (!auth.ok) return oauthError(auth.error, auth.description, { basic: auth.basic });
  if (auth.method === 'none') return oauthError('invalid_client', 'introspection needs a confidential client', { basic: false });
  const token = form.get('token');
  if (!token) return oauthError('invalid_request', 'token is required');
  const hint = form.get('token_type_hint');
  const access = hint === 'refresh_token' ? undefined : await core.tokens.lookup(token);
  if (access) return json(200, accessIntrospection(access, req.issuer));
  const refresh = await core.tokens.lookupRefresh(token);
  if (refresh && !refresh.rotated) {
    return json(200, {
      active: true,
      scope: refresh.scope.join(' '),
      client_id: refresh.clientId,
      ...(refresh.username ? { username: refresh.username, sub: refresh.username } : {}),
      token_type: 'refresh_token',
      exp: refresh.exp,
      iat: refresh.iat,
      iss: req.issuer,
    });
  }
  return json(200, { active: false });
}

/** An active access token as RFC 7662 describes it (the endpoint's answer, and in-process checks'). */
export function accessIntrospection(access: AccessRecord, issuer: string | undefined): { readonly active: true; readonly [claim: string]: unknown } {
  return {
    active: true,
    scope: access.scope.join(' '),
    client_id: access.clientId,
    ...(access.username ? { username: access.username, sub: access.username } : { sub: access.clientId }),
    token_type: 'Bearer',
    exp: access.exp,
    iat: access.iat,
    ...(issuer !== undefined ? { iss: issuer } : {}),
    jti: access.jti,
    ...(access.resource ? { aud: access.resource } : {}),
  };
}
