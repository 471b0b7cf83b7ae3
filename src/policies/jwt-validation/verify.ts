import { errors, jwtVerify, UnsecuredJWT } from 'jose';
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import type { JwtConfig } from './config.js';
import { KeysUnavailableError } from './jwks-cache.js';
import type { KeySource } from './keys.js';

export type Verdict =
  | { readonly ok: true; readonly claims: JWTPayload }
  | { readonly ok: false; readonly reason: string }
  /** The keys cannot be had: not the client's fault. */
  | { readonly ok: false; readonly unavailable: true };

/** Checks a token's signature, algorithm, exp/nbf (with leeway), issuer and typ. */
export type Verifier = (token: string, now: number) => Promise<Verdict>;

/**
 * The signature check, built once. Exactly one algorithm is allowed (RFC 8725 §3.1), so an alg
 * none or an HS256 token keyed with an RSA public key never reaches a key; `none` accepts only
 * unsigned tokens.
 */
export function verifier(config: JwtConfig, keys: KeySource): Verifier {
  const base: JWTVerifyOptions = {
    algorithms: [config.algorithm],
    clockTolerance: config.clockSkewSec,
    issuer: config.issuers ? [...config.issuers] : undefined,
    // jose compares typ without case and without an application/ prefix (RFC 8725 §3.11).
    typ: config.requiredTyp,
    requiredClaims: [...config.requiredClaims],
  };
  const check =
    config.method === 'none'
      ? async (token: string, options: JWTVerifyOptions) => UnsecuredJWT.decode(token, options).payload
      : async (token: string, options: JWTVerifyOptions) => (await jwtVerify(token, keys, options)).payload;
  return async (token, now) => {
    try {
      return { ok: true, claims: await check(token, { ...base, currentDate: new Date(now) }) };
    } catch (e) {
      if (e instanceof KeysUnavailableError) return { ok: false, unavailable: true };
      return { ok: false, reason: reason(e) };
    }
  };
}

/** A short reason a client may see: which check failed, never why a signature or key did. */
export function reason(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'typ') return 'token type not accepted';
    if (e.reason === 'missing') return `${e.claim} claim missing`;
    if (e.claim === 'nbf' && e.reason === 'check_failed') return 'token not yet valid';
    return `${e.claim} claim invalid`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) return 'unknown signing key';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'malformed token';
  return 'invalid token';
}
