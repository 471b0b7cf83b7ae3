import type { ResponseSpec } from '../../http/response.js';
import { clientMayUse } from '../client-rules.js';
import { authorizationCodeGrant } from '../grants/authorization-code.js';
import { clientCredentialsGrant } from '../grants/client-credentials.js';
import { passwordGrant } from '../grants/password.js';
import { refreshTokenGrant } from '../grants/refresh-token.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';
import { formOf, repeated } from '../request.js';
import { oauthError } from '../responses.js';
import type { Client, GrantType } from '../settings.js';

type GrantHandler = (form: URLSearchParams, client: Client, core: ProviderCore, issuer: string) => Promise<ResponseSpec>;

const GRANTS: Readonly<Record<GrantType, GrantHandler>> = {
  authorization_code: authorizationCodeGrant,
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  refresh_token: refreshTokenGrant,
};

/**
 * The token endpoint (RFC 6749 §3.2): a form POST, the client authenticated (§2.3.1), then the
 * grant. Every refusal is a §5.2 error with `Cache-Control: no-store`.
 */
export async function tokenEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const form = formOf(req);
  if (!form) return oauthError('invalid_request', 'the token endpoint takes an application/x-www-form-urlencoded body');
  const twice = repeated(form);
  if (twice) return oauthError('invalid_request', `parameter ${twice} appears more than once`);
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError('invalid_request', 'grant_type is required');
  const auth = await core.clients.authenticate(req, form);
  if (!auth.ok) return oauthError(auth.error, auth.description, { basic: auth.basic });
  if (!Object.hasOwn(GRANTS, grantType) || !core.settings.grantTypes.has(grantType as GrantType)) {
    return oauthError('unsupported_grant_type', `grant_type ${grantType} is not supported by this provider`);
  }
  if (!clientMayUse(auth.client, grantType as GrantType)) return oauthError('unauthorized_client', `this client may not use grant_type ${grantType}`);
  return GRANTS[grantType as GrantType](form, auth.client, core, req.issuer);
}
