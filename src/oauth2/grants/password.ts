import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import { json, oauthError } from '../responses.js';
import { resolveScope } from '../scope.js';
import type { Client } from '../settings.js';

/** RFC 6749 §4.3 (Mule's RESOURCE_OWNER_PASSWORD_CREDENTIALS): the resource owner's credentials, checked by the provider's resource owners. */
export async function passwordGrant(form: URLSearchParams, client: Client, core: ProviderCore, issuer: string): Promise<ResponseSpec> {
  const username = form.get('username');
  const password = form.get('password');
  if (!username || password === null) return oauthError('invalid_request', 'username and password are required');
  const owners = core.settings.resourceOwners;
  if (!owners) return oauthError('unsupported_grant_type', 'this provider has no resource owners to check a password against');
  const scope = resolveScope(form.get('scope'), client, core.settings);
  if (!scope.ok) return oauthError('invalid_scope', scope.description);
  // The login page's lockout holds here too: /token is no way around it.
  const owner = await core.pending.signIn(owners, username, password);
  if (!owner) return oauthError('invalid_grant', 'the resource owner credentials are invalid');
  const tokens = await core.tokens.issue({ clientId: client.clientId, scope: scope.scope, username: owner.username, roles: owner.roles }, issuer, {
    refresh: true,
  });
  return json(200, tokens);
}
