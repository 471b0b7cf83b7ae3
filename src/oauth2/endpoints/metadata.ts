import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';
import { json } from '../responses.js';

/** Authorization server metadata (RFC 8414): `issuer` exactly as tokens and introspection carry it. */
export async function metadataEndpoint(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  const { settings } = core;
  const at = (path: string) => `${req.issuer}${path}`;
  const grants = [...settings.grantTypes];
  const body: Record<string, unknown> = {
    issuer: req.issuer,
    token_endpoint: at(settings.token.path),
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    grant_types_supported: grants,
    response_types_supported: settings.grantTypes.has('authorization_code') ? ['code'] : [],
    scopes_supported: [...settings.scopes],
    service_documentation: 'https://github.com/flowrt/flowrt/blob/main/docs/oauth2-provider.md',
  };
  if (settings.grantTypes.has('authorization_code')) {
    body.authorization_endpoint = at(settings.authorization.path);
    body.code_challenge_methods_supported = ['S256', 'plain'];
    body.response_modes_supported = ['query'];
    // RFC 9207: authorization responses carry `iss`, so a client talking to several servers cannot be mixed up.
    body.authorization_response_iss_parameter_supported = true;
  }
  if (settings.paths.introspection) {
    body.introspection_endpoint = at(settings.paths.introspection);
    body.introspection_endpoint_auth_methods_supported = ['client_secret_basic', 'client_secret_post'];
  }
  if (settings.paths.revocation) {
    body.revocation_endpoint = at(settings.paths.revocation);
    body.revocation_endpoint_auth_methods_supported = ['client_secret_basic', 'client_secret_post', 'none'];
  }
  if (settings.paths.registration && settings.registrationTokenHash) body.registration_endpoint = at(settings.paths.registration);
  if (core.signer) body.jwks_uri = at(settings.paths.jwks);
  return { ...json(200, body), headers: { 'Cache-Control': 'max-age=300' } };
}
