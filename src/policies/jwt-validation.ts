import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify, UnsecuredJWT } from 'jose';
import type { CryptoKey, JWTHeaderParameters, JWTPayload, JWTVerifyOptions } from 'jose';
import { toText } from '../expr/value.js';
import type { ResponseSpec } from '../http/response.js';
import { claimProblem } from './jwt/claims.js';
import type { JwtConfig } from './jwt/config.js';
import { jwtConfig } from './jwt/config.js';
import { JwksCache, KeysUnavailable } from './jwt/jwks-cache.js';
import { JWT_SCHEMA } from './jwt/schema.js';
import { TokenCache } from './jwt/token-cache.js';
import type { PolicyContext, PolicyDeps, PolicyType } from './policy.js';
import { PolicyConfigError } from './policy.js';
import { quoted, rejection } from './responses.js';

type KeyInput = CryptoKey | Uint8Array | KeyObject;

const CURVES: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/** A textKey read once: it must be a public key fit for the one allowed algorithm. */
function publicKeyOf(pem: string, config: JwtConfig): KeyObject {
  const alg = config.algorithms[0]!;
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new PolicyConfigError(`textKey must be a PEM public key (-----BEGIN PUBLIC KEY-----) for ${alg}`, '/textKey');
  }
  const fits = config.method === 'rsa' ? key.asymmetricKeyType === 'rsa' : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === CURVES[alg];
  if (!fits) throw new PolicyConfigError(`textKey is a ${key.asymmetricKeyType} key that ${alg} cannot use`, '/textKey');
  return key;
}
type KeySource = (header: JWTHeaderParameters) => Promise<KeyInput>;

/**
 * `jwt-validation`, with Anypoint's parameters: the token's signature with an algorithm
 * allow-list (RFC 8725: no alg none unless asked, no RS/HS confusion, never a key the token
 * points at), exp/nbf, audience, issuers, typ and custom claims. The claims reach the flow as
 * `vars.claimSet`; rejections answer as RFC 6750 §3 says.
 */
export const jwtValidation: PolicyType = {
  id: 'jwt-validation',
  schema: JWT_SCHEMA,
  create(raw, deps) {
    const config = jwtConfig(raw);
    const keys = keySource(config, deps);
    const cache = new TokenCache(deps.now);
    const skewMs = config.clockSkewSec * 1000;
    const options: JWTVerifyOptions = {
      algorithms: [...config.algorithms],
      clockTolerance: config.clockSkewSec,
      currentDate: undefined,
      issuer: config.issuers ? [...config.issuers] : undefined,
      typ: config.requiredTyp,
      requiredClaims: [...(config.mandatoryExp ? ['exp'] : []), ...(config.mandatoryNbf ? ['nbf'] : [])],
    };
    return {
      async handle(ctx, next) {
        const token = await tokenOf(ctx, config);
        if (!token) return missing(ctx);
        let claims = cache.get(token);
        if (!claims) {
          const outcome = await verify(token, config, keys.source, { ...options, currentDate: new Date(deps.now()) });
          if ('reject' in outcome) return outcome.reject(ctx);
          const problem = await claimProblem(outcome.claims, config);
          if (problem) return invalid(ctx, problem);
          claims = outcome.claims;
          cache.set(token, claims, skewMs);
        } else if (typeof claims.exp === 'number' && claims.exp * 1000 + skewMs <= deps.now()) {
          return invalid(ctx, 'token expired');
        }
        ctx.vars.claimSet = claims;
        for (const [claim, header] of config.claimsToHeaders) {
          if (claims[claim] !== undefined) ctx.addedHeaders[header] = toText(claims[claim]);
        }
        return next();
      },
      stop: keys.stop,
    };
  },
};

function keySource(config: JwtConfig, deps: PolicyDeps): { source: KeySource; stop?: () => Promise<void> } {
  const { key } = config;
  if ('none' in key) return { source: () => Promise.reject(new Error('unsigned tokens need no key')) };
  if ('text' in key) {
    if (config.method === 'hmac') {
      const secret = new TextEncoder().encode(key.text);
      return { source: async () => secret };
    }
    const publicKey = publicKeyOf(key.text, config);
    return { source: async () => publicKey };
  }
  const client = deps.httpClient(key.timeoutMs);
  const jwks = new JwksCache(key.jwks, key.ttlMs, key.timeoutMs, client, deps.now);
  return { source: (header) => jwks.key(header), stop: () => client.close() };
}

type Outcome = { claims: JWTPayload } | { reject: (ctx: PolicyContext) => ResponseSpec };

async function verify(token: string, config: JwtConfig, keys: KeySource, options: JWTVerifyOptions): Promise<Outcome> {
  try {
    if (config.method === 'none') {
      const { payload } = UnsecuredJWT.decode(token, options);
      return { claims: payload };
    }
    const { payload } = await jwtVerify(token, (header) => keys(header), options);
    return { claims: payload };
  } catch (e) {
    if (e instanceof KeysUnavailable) return { reject: (ctx) => unavailable(ctx) };
    return { reject: (ctx) => invalid(ctx, reason(e)) };
  }
}

/** A short reason a client may see: never the key, never more than which check failed. */
function reason(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'token expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.reason === 'missing') return `${e.claim} claim missing`;
    if (e.claim === 'nbf') return 'token not yet valid';
    return `${e.claim} claim invalid`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (e instanceof errors.JWKSNoMatchingKey) return 'unknown signing key';
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'malformed token';
  return 'invalid token';
}

async function tokenOf(ctx: PolicyContext, config: JwtConfig): Promise<string | undefined> {
  if ('expression' in config.origin) {
    const value = await config.origin.expression.evaluate(ctx.event()).catch(() => undefined);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }
  const header = ctx.request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  return /^Bearer +([A-Za-z0-9._~+/=-]+)\s*$/i.exec(value ?? '')?.[1];
}

/** RFC 6750 §3.1: no credentials, no error code; Anypoint answers 400. */
function missing(ctx: PolicyContext): ResponseSpec {
  return rejection(ctx.anypointCompat ? 400 : 401, { error: 'unauthorized', error_description: 'a bearer token is required' }, {
    'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}`,
  });
}

function invalid(ctx: PolicyContext, description: string): ResponseSpec {
  return rejection(401, { error: 'invalid_token', error_description: description }, {
    'www-authenticate': `Bearer realm=${quoted(ctx.apiId)}, error="invalid_token", error_description=${quoted(description)}`,
  });
}

/** The keys cannot be had: not the client's fault, and never a pass. */
function unavailable(ctx: PolicyContext): ResponseSpec {
  ctx.log.error({ apiId: ctx.apiId }, 'jwt-validation: no signing keys available');
  return rejection(503, { error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' }, { 'retry-after': '5' });
}
