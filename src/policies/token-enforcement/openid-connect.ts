import { IdpUnavailableError } from '../shared/identity.js';
import type { ClientProvider } from '../shared/identity.js';
import type { PolicyDeps, PolicyType } from '../shared/policy.js';
import { PolicyConfigError } from '../shared/policy.js';
import { enforcementConfig } from './config.js';
import { enforcement } from './enforcement.js';
import { OIDC_SCHEMA } from './schema.js';

/**
 * `openidconnect-access-token-enforcement`, Anypoint's OpenID Connect OAuth 2.0 Token
 * Enforcement: bearer tokens are introspected at the API's client provider
 * (`apis[].clientProvider`), with Anypoint's parameters. See docs/policies/token-enforcement.md.
 *
 * @example
 * // api-manager.yaml: apis: [{ apiId: orders-v1, clientProvider: corp-idp, policies: [{ id: openidconnect-access-token-enforcement, config: { scopes: orders:read } }] }]
 */
export const openidConnectTokenEnforcement: PolicyType = {
  id: 'openidconnect-access-token-enforcement',
  schema: OIDC_SCHEMA,
  create(raw, deps) {
    const config = enforcementConfig(raw);
    const provider = providerOf(deps, 'openidconnect-access-token-enforcement introspects at the client provider');
    return enforcement({ id: 'openidconnect-access-token-enforcement', config, deps, introspector: (token) => provider().introspect(token) });
  },
};

/**
 * The API's client provider. An API without one is a configuration error; without an API (a
 * configuration only checked) there is nothing to look up yet, and a request would get 503.
 */
export function providerOf(deps: PolicyDeps, why: string): () => ClientProvider {
  if (deps.apiId !== undefined && !deps.clientProvider) {
    throw new PolicyConfigError(`API ${deps.apiId} has no clientProvider: ${why}; name one of clientProviders in apis[].clientProvider`);
  }
  return () => {
    if (!deps.clientProvider) throw new IdpUnavailableError('the API has no client provider');
    return deps.clientProvider;
  };
}
