import type { CryptoKey, JWTHeaderParameters } from 'jose';
import type { HttpClient } from '../../http/client/http-client.js';
import type { LogLimiter } from '../../runtime/log-limiter.js';
import { IdpUnavailableError } from '../shared/identity.js';
import type { PolicyDeps } from '../shared/policy.js';
import { JwksCache, KeysUnavailableError } from './jwks-cache.js';

/**
 * Keys from the JWKS the API's client provider announces (`jwks_uri`), asked for at first use,
 * not at build: an IdP down at start makes 503s, not a refused configuration. The URL is asked
 * again on each key lookup (the provider keeps its metadata), so a provider whose discovery
 * changes it is followed; while the provider cannot say, the last URL's keys keep serving.
 */
export function providerKeys(
  deps: PolicyDeps,
  client: HttpClient,
  timing: { readonly ttlMs: number; readonly timeoutMs: number },
  logs: LogLimiter,
): (header: JWTHeaderParameters) => Promise<CryptoKey> {
  const { ttlMs, timeoutMs } = timing;
  let current: { readonly url: string; readonly jwks: JwksCache } | undefined;
  return async (header) => {
    let url: string;
    try {
      if (!deps.clientProvider) throw new IdpUnavailableError('the API has no client provider');
      url = await deps.clientProvider.jwksUri();
    } catch (e) {
      if (!(e instanceof IdpUnavailableError)) throw e;
      if (!current) throw new KeysUnavailableError(`the client provider's JWKS is not known yet: ${e.message}`);
      url = current.url;
    }
    if (current?.url !== url) current = { url, jwks: new JwksCache({ url: new URL(url), ttlMs, timeoutMs, client, now: deps.now, log: deps.log, logs }) };
    return current.jwks.key(header);
  };
}
