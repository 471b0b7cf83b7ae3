import type { ResponseSpec } from '../../http/response.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';

/**
 * The JWK Set that verifies JWT access tokens (RFC 7517 §5; `jwks_uri` of RFC 8414): public keys
 * only, each with its `kid`. Cacheable for a while: the key changes only when it is replaced.
 */
export async function jwksEndpoint(_req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec> {
  if (!core.signer) return { status: 404, headers: {}, body: undefined };
  return { status: 200, headers: { 'Cache-Control': 'max-age=300' }, body: await core.signer.jwks(), mediaType: 'application/jwk-set+json' };
}
