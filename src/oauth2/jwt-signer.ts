import type { KeyObject } from 'node:crypto';
import { createPrivateKey } from 'node:crypto';
import type { CryptoKey, JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, SignJWT } from 'jose';
import type { KeyValueStore } from '../stores/store.js';
import type { SigningKey } from './settings.js';
import type { AccessRecord, AccessTokenSigner } from './tokens.js';

/** Where the generated key lives in the provider's token store: one key for every node and restart. */
export const GENERATED_KEY = 'jwt-signing-key';
/** The algorithm of a generated key: small keys, fast signatures, supported everywhere. */
const GENERATED_ALG = 'ES256';

/** The members of a JWK that make up its public part (RFC 7517 §6 / RFC 8037 §2), by kty. */
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  EC: ['kty', 'crv', 'x', 'y'],
  RSA: ['kty', 'n', 'e'],
  OKP: ['kty', 'crv', 'x'],
};

/** The JWS algorithm of an RSA-PSS key's hash restriction (RFC 7518 §3.5). */
const PSS_ALGS: Readonly<Record<string, string>> = { sha256: 'PS256', sha384: 'PS384', sha512: 'PS512' };

/** The JWS algorithm of each named EC curve Node reports. */
const EC_ALGS: Readonly<Record<string, string>> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

interface LoadedKey {
  readonly key: CryptoKey;
  readonly alg: string;
  readonly kid: string;
  readonly publicJwk: JWK;
}

/**
 * A configured signing key from its PEM: any private key Node reads (PKCS#8, PKCS#1, SEC1), kept as
 * PKCS#8, with the algorithm its type implies (RSA → RS256, RSA-PSS → PS256, EC P-256/384/521 →
 * ES256/384/512, Ed25519 → EdDSA). A string says what is wrong with it.
 *
 * @example
 * ```ts
 * const key = signingKeyFromPem(readFileSync('keys/signing.pem', 'utf8'));
 * if (typeof key === 'string') throw new Error(key);
 * ```
 */
export function signingKeyFromPem(pem: string): SigningKey | string {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return 'it is not an unencrypted PEM private key (a public key or certificate cannot sign)';
  }
  const details = key.asymmetricKeyDetails ?? {};
  let alg: string | undefined;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      // RFC 7518 §3.3: RSA keys of fewer than 2048 bits must not sign JWS.
      if ((details.modulusLength ?? 0) < 2048) return `its RSA modulus has ${details.modulusLength} bits; JWS needs at least 2048 (RFC 7518 §3.3)`;
      if (key.asymmetricKeyType === 'rsa') {
        alg = 'RS256';
        break;
      }
      alg = PSS_ALGS[details.hashAlgorithm ?? 'sha256'];
      if (!alg) return `its RSA-PSS hash ${details.hashAlgorithm} has no JWS algorithm: use sha256, sha384 or sha512`;
      key = asPlainRsa(key);
      break;
    case 'ec':
      alg = EC_ALGS[details.namedCurve ?? ''];
      if (!alg) return `its EC curve ${details.namedCurve} has no JWS algorithm: use P-256, P-384 or P-521`;
      break;
    case 'ed25519':
      alg = 'EdDSA';
      break;
    default:
      return `its key type ${key.asymmetricKeyType} cannot sign JWS here: use RSA, EC (P-256/384/521) or Ed25519`;
  }
  return { pem: key.export({ format: 'pem', type: 'pkcs8' }).toString(), alg };
}

/**
 * Signs JWT access tokens (RFC 9068) with a configured key or, without one, with an ES256 key
 * generated once and kept in the provider's token store, so that every node sharing the store
 * (Redis) and every restart sign with, and publish, the same key. Validation never trusts the
 * signature alone: tokens are still looked up by digest, so revocation applies to JWTs too.
 */
export class JwtSigner implements AccessTokenSigner {
  private loading: Promise<LoadedKey> | undefined;

  constructor(
    private readonly store: KeyValueStore,
    private readonly configured?: SigningKey,
  ) {}

  async sign(record: AccessRecord, issuer: string): Promise<string> {
    const { key, alg, kid } = await this.key();
    return (
      new SignJWT({ client_id: record.clientId, scope: record.scope.join(' '), ...(record.roles?.length ? { roles: record.roles } : {}) })
        // RFC 9068 §2.1: typ "at+jwt" keeps the token from being mistaken for an ID token.
        .setProtectedHeader({ alg, typ: 'at+jwt', kid })
        .setIssuer(issuer)
        .setSubject(record.username ?? record.clientId)
        .setAudience(record.resource ?? issuer)
        .setIssuedAt(record.iat)
        .setExpirationTime(record.exp)
        .setJti(record.jti)
        .sign(key)
    );
  }

  async jwks(): Promise<{ keys: Array<Record<string, unknown>> }> {
    const { publicJwk, kid, alg } = await this.key();
    return { keys: [{ ...publicJwk, kid, use: 'sig', alg }] };
  }

  /** Loaded once: concurrent first calls share one load; a failed one (store down) is retried by the next call. */
  private key(): Promise<LoadedKey> {
    this.loading ??= this.load().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    return this.loading;
  }

  private async load(): Promise<LoadedKey> {
    if (this.configured) {
      const { alg, pem } = this.configured;
      const key = await importPKCS8(pem, alg, { extractable: true });
      return loaded(key, alg, await exportJWK(key));
    }
    const stored = (await this.store.get(GENERATED_KEY)) ?? (await this.generate());
    const jwk = JSON.parse(stored) as JWK;
    const alg = jwk.alg ?? GENERATED_ALG;
    return loaded((await importJWK(jwk, alg)) as CryptoKey, alg, jwk);
  }

  /** A new key, added only if no one (another node, a racing call) stored one first; the stored one wins. */
  private async generate(): Promise<string> {
    const { privateKey } = await generateKeyPair(GENERATED_ALG, { extractable: true });
    await this.store.add(GENERATED_KEY, JSON.stringify({ ...(await exportJWK(privateKey)), alg: GENERATED_ALG }));
    const stored = await this.store.get(GENERATED_KEY);
    if (stored === undefined) throw new Error('the JWT signing key vanished from the token store as it was stored');
    return stored;
  }
}

async function loaded(key: CryptoKey, alg: string, jwk: JWK): Promise<LoadedKey> {
  const members = PUBLIC_MEMBERS[jwk.kty ?? ''] ?? [];
  const all = jwk as Record<string, unknown>;
  const publicJwk = Object.fromEntries(members.filter((m) => all[m] !== undefined).map((m) => [m, all[m]])) as JWK;
  // RFC 7638: the kid is the thumbprint of the public key, so it changes exactly when the key does.
  return { key, alg, kid: await calculateJwkThumbprint(publicJwk, 'sha256'), publicJwk };
}

/**
 * An RSA-PSS key (PKCS#8 id-RSASSA-PSS) as a plain RSA one: WebCrypto imports only rsaEncryption
 * PKCS#8, and the PSS restriction lives on as the PS* algorithm. PrivateKeyInfo (RFC 5208 §5) is
 * SEQUENCE { version, algorithm, OCTET STRING RSAPrivateKey }: the octet string is the PKCS#1 key.
 */
function asPlainRsa(key: KeyObject): KeyObject {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const info = tlv(der, 0);
  const version = tlv(der, info.start);
  const algorithm = tlv(der, version.end);
  const privateKey = tlv(der, algorithm.end);
  return createPrivateKey({ key: der.subarray(privateKey.start, privateKey.end), format: 'der', type: 'pkcs1' });
}

/** One DER element at `at`: where its content starts and ends. */
function tlv(der: Buffer, at: number): { start: number; end: number } {
  const first = der[at + 1]!;
  if (first < 0x80) return { start: at + 2, end: at + 2 + first };
  const bytes = first & 0x7f;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + der[at + 2 + i]!;
  return { start: at + 2 + bytes, end: at + 2 + bytes + length };
}
