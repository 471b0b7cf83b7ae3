import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import { json, oauthError } from '../responses.js';
import { resolveScope } from '../scope.js';
import type { Client } from '../settings.js';

/** RFC 6749 §4.4: a confidential client's own token, without a refresh token (§4.4.3). */
export async function clientCredentialsGrant(form: URLSearchParams, client: Client, core: ProviderCore, issuer: string): Promise<ResponseSpec> {
  if (client.type === 'PUBLIC') return oauthError('unauthorized_client', 'a public client cannot use client_credentials');
  const scope = resolveScope(form.get('scope'), client, core.settings);
  if (!scope.ok) return oauthError('invalid_scope', scope.description);
  const resource = form.get('resource') ?? undefined;
  const tokens = await core.tokens.issue({ clientId: client.clientId, scope: scope.scope, ...(resource ? { resource } : {}) }, issuer, { refresh: false });
  return json(200, tokens);
}
