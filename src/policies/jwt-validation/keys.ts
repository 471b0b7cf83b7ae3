import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { CryptoKey, JWTHeaderParameters } from 'jose';
import type { LogLimiter } from '../../runtime/log-limiter.js';
import type { PolicyDeps } from '../shared/policy.js';
import { PolicyConfigError } from '../shared/policy.js';
import type { JwtConfig } from './config.js';
import { JwksCache } from './jwks-cache.js';
import { providerKeys } from './provider-keys.js';

/**
 * The key a token is checked with, chosen by its header's `kid` and `alg` only. Never from the
 * token's `jku`, `x5u` or `jwk` (RFC 8725 §3.10): keys come from the configuration alone.
 */
export type KeySource = (header: JWTHeaderParameters) => Promise<CryptoKey | KeyObject | Uint8Array>;

export interface Keys {
  readonly source: KeySource;
  stop(): Promise<void>;
}

const CURVES: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * Reads the configured keys once: a text key is imported here, a JWKS is fetched on first use.
 * `logs` limits the JWKS fetch failures logged while an endpoint stays broken.
 */
export function keysFor(config: JwtConfig, deps: PolicyDeps, logs: LogLimiter): Keys {
  const { key } = config;
  const stopped = async (): Promise<void> => {};
  if (key.kind === 'none') return { source: () => Promise.reject(new Error('unsigned tokens need no key')), stop: stopped };
  if (key.kind === 'text') {
    const material = config.method === 'hmac' ? new TextEncoder().encode(key.text) : publicKeyOf(key.text, config);
    return { source: async () => material, stop: stopped };
  }
  if (!key.url && deps.apiId !== undefined && !deps.clientProvider) {
    throw new PolicyConfigError(`jwtKeyOrigin jwks needs jwksUrl, or a clientProvider for API ${deps.apiId} whose JWKS to use`, '/jwksUrl');
  }
  const client = deps.httpClient(key.timeoutMs);
  let closing: Promise<void> | undefined;
  const stop = (): Promise<void> => (closing ??= client.close());
  if (!key.url) return { source: providerKeys(deps, client, key, logs), stop };
  const jwks = new JwksCache({ url: key.url, ttlMs: key.ttlMs, timeoutMs: key.timeoutMs, client, now: deps.now, log: deps.log, logs });
  return { source: (header) => jwks.key(header), stop };
}

/**
 * A textKey as Anypoint takes it: a PEM public key or certificate, or the key's base64 DER
 * without the PEM lines. It must fit the one allowed algorithm.
 */
function publicKeyOf(text: string, config: JwtConfig): KeyObject {
  const alg = config.algorithm;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new PolicyConfigError(
      `textKey is a private key: give the public key (-----BEGIN PUBLIC KEY-----) for ${alg}; the private key must stay with the issuer`,
      '/textKey',
    );
  }
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new PolicyConfigError(`textKey must be a PEM public key (-----BEGIN PUBLIC KEY-----) or certificate for ${alg}`, '/textKey');
  }
  const type = key.asymmetricKeyType;
  if (config.method === 'rsa') {
    if (type !== 'rsa') throw new PolicyConfigError(`textKey is ${type === undefined ? 'no' : `an ${type}`} key: ${alg} needs an RSA public key`, '/textKey');
    // jose refuses RSA keys under 2048 bits (RFC 7518 §3.3): say so now, not on every request.
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
      throw new PolicyConfigError(`textKey is an RSA key under 2048 bits, too short for ${alg} (RFC 7518 §3.3)`, '/textKey');
  } else if (type !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== CURVES[alg]) {
    throw new PolicyConfigError(`textKey is not a key on the curve ${alg} uses (${CURVES[alg]}): check signingKeyLength`, '/textKey');
  }
  return key;
}
