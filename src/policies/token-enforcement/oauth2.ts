import type { HttpClient } from '../../http/client/http-client.js';
import type { PolicyType } from '../shared/policy.js';
import { endpointConfig, enforcementConfig } from './config.js';
import { enforcement } from './enforcement.js';
import type { Introspector } from './enforcement.js';
import { introspect } from './introspect.js';
import { providerOf } from './openid-connect.js';
import { OAUTH2_SCHEMA } from './schema.js';

const ID = 'oauth2-access-token-enforcement';

/**
 * `oauth2-access-token-enforcement`, Anypoint's OAuth 2.0 Access Token Enforcement: bearer tokens
 * are introspected at `tokenUrl` (RFC 7662, as `introspectionClientId`) or, without one, at the
 * API's client provider. The same checks and answers as the OpenID Connect policy.
 *
 * @example
 * const policy = oauth2TokenEnforcement.create({ tokenUrl: 'https://idp/introspect', introspectionClientId: 'gw', introspectionClientSecret: s, scopes: 'read' }, deps);
 */
export const oauth2TokenEnforcement: PolicyType = {
  id: ID,
  schema: OAUTH2_SCHEMA,
  create(raw, deps) {
    const config = enforcementConfig(raw);
    const endpoint = endpointConfig(raw);
    if (!endpoint) {
      const provider = providerOf(deps, `${ID} without tokenUrl introspects at the client provider`);
      return enforcement({ id: ID, config, deps, introspector: (token) => provider().introspect(token) });
    }
    // The pool is opened at the first request, so a configuration only checked holds no socket.
    let client: HttpClient | undefined;
    const introspector: Introspector = (token) =>
      introspect((client ??= deps.httpClient(config.timeoutMs)), { ...endpoint, timeoutMs: config.timeoutMs }, token);
    return enforcement({ id: ID, config, deps, introspector, stop: async () => client?.close() });
  },
};
