import { condition } from '../../expr/boolean.js';
import type { EventLike } from '../../expr/scope.js';
import type { Value } from '../../expr/value.js';
import { policyValue } from '../shared/expressions.js';
import { PolicyConfigError } from '../shared/policy.js';

/** The configuration as `JWT_SCHEMA` admits it (Anypoint's configurationData). */
interface RawConfig {
  jwtOrigin?: 'httpBearerAuthenticationHeader' | 'customExpression';
  jwtExpression?: string;
  signingMethod?: 'rsa' | 'hmac' | 'es' | 'none';
  signingKeyLength?: number | string;
  jwtKeyOrigin?: 'text' | 'jwks' | 'customKey';
  textKey?: string;
  jwksUrl?: string;
  jwksServiceTimeToLive?: number | string;
  jwksServiceConnectionTimeout?: number | string;
  skipClientIdValidation?: boolean;
  clientIdExpression?: string;
  validateAudClaim?: boolean;
  mandatoryAudClaim?: boolean;
  supportedAudiences?: string;
  mandatoryExpClaim?: boolean;
  mandatoryNbfClaim?: boolean;
  validateCustomClaim?: boolean;
  mandatoryCustomClaims?: ReadonlyArray<{ key: string; value: string | number | boolean }>;
  nonMandatoryCustomClaims?: ReadonlyArray<{ key: string; value: string | number | boolean }>;
  claimsToHeaders?: ReadonlyArray<{ claimName: string; headerName: string }>;
  clockSkew?: number;
  issuers?: readonly string[];
  requiredTyp?: string;
}

export interface ClaimRule {
  readonly key: string;
  /** A literal the claim must equal (or contain, when it is an array), or a condition over vars.claimSet. */
  readonly expected: { readonly literal: string } | { readonly condition: (event: EventLike) => Promise<boolean> };
}

export type SigningMethod = 'rsa' | 'hmac' | 'es' | 'none';

export type KeyConfig =
  | { readonly kind: 'text'; readonly text: string }
  /** `url` undefined: the JWKS the API's client provider announces (its discovery's jwks_uri). */
  | { readonly kind: 'jwks'; readonly url?: URL; readonly ttlMs: number; readonly timeoutMs: number }
  | { readonly kind: 'none' };

/** jwt-validation's configuration, checked and compiled once. */
export interface JwtConfig {
  /** undefined: the `Authorization: Bearer` header. */
  readonly tokenExpression?: Value;
  readonly method: SigningMethod;
  /** The one algorithm accepted (RFC 8725 §3.1). */
  readonly algorithm: string;
  readonly key: KeyConfig;
  readonly audiences?: { readonly mandatory: boolean; readonly supported: ReadonlySet<string> };
  readonly requiredClaims: readonly string[];
  readonly mandatoryClaims: readonly ClaimRule[];
  readonly optionalClaims: readonly ClaimRule[];
  /** claim → lower-case header name. */
  readonly claimsToHeaders: ReadonlyArray<readonly [string, string]>;
  readonly clockSkewSec: number;
  readonly issuers?: readonly string[];
  readonly requiredTyp?: string;
  /** Where the token's client id is (over `vars.claimSet`), when it must have a contract (skipClientIdValidation false). */
  readonly clientIdExpression?: Value;
}

const ALGORITHM_PREFIX: Record<SigningMethod, string> = { rsa: 'RS', hmac: 'HS', es: 'ES', none: '' };

/** Reads a configuration the schema accepted; what it cannot express is a PolicyConfigError. */
export function jwtConfig(raw: Readonly<Record<string, unknown>>): JwtConfig {
  const c = raw as RawConfig;
  const method = c.signingMethod ?? 'rsa';
  const length = String(c.signingKeyLength ?? 256);
  const custom = c.validateCustomClaim === true;
  return {
    tokenExpression: c.jwtOrigin === 'customExpression' ? policyValue(c.jwtExpression ?? "#[attributes.headers['jwt']]", '/jwtExpression') : undefined,
    method,
    algorithm: method === 'none' ? 'none' : `${ALGORITHM_PREFIX[method]}${length}`,
    key: keyConfig(c, method, length),
    audiences: audiences(c),
    requiredClaims: [...(c.mandatoryExpClaim === true ? ['exp'] : []), ...(c.mandatoryNbfClaim === true ? ['nbf'] : [])],
    mandatoryClaims: custom ? rules(c.mandatoryCustomClaims, 'mandatoryCustomClaims') : [],
    optionalClaims: custom ? rules(c.nonMandatoryCustomClaims, 'nonMandatoryCustomClaims') : [],
    claimsToHeaders: (c.claimsToHeaders ?? []).map((h) => [h.claimName, h.headerName.toLowerCase()] as const),
    clockSkewSec: c.clockSkew ?? 0,
    issuers: c.issuers,
    requiredTyp: c.requiredTyp,
    clientIdExpression:
      c.skipClientIdValidation === false ? policyValue(c.clientIdExpression ?? '#[vars.claimSet.client_id]', '/clientIdExpression', 'expression') : undefined,
  };
}

function keyConfig(c: RawConfig, method: SigningMethod, length: string): KeyConfig {
  if (method === 'none') return { kind: 'none' };
  const origin = c.jwtKeyOrigin ?? 'text';
  if (origin === 'customKey')
    throw new PolicyConfigError('jwtKeyOrigin customKey (a key from customKeyExpression) is not supported: use text or jwks', '/jwtKeyOrigin');
  if (origin === 'jwks') {
    // A JWKS publishes public keys; an HMAC secret shared through one would not be secret.
    if (method === 'hmac') throw new PolicyConfigError('hmac secrets come from textKey, not from a JWKS: use jwtKeyOrigin text', '/jwtKeyOrigin');
    const ttlMs = Number(c.jwksServiceTimeToLive ?? 60) * 60_000;
    const timeoutMs = Number(c.jwksServiceConnectionTimeout ?? 10_000);
    // Without jwksUrl the keys are the API's client provider's (keys.ts checks there is one).
    if (c.jwksUrl === undefined) return { kind: 'jwks', ttlMs, timeoutMs };
    let url: URL;
    try {
      url = new URL(c.jwksUrl);
    } catch {
      throw new PolicyConfigError('jwksUrl must be an http(s) URL', '/jwksUrl');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PolicyConfigError('jwksUrl must be an http(s) URL', '/jwksUrl');
    return { kind: 'jwks', url, ttlMs, timeoutMs };
  }
  const text = c.textKey ?? '';
  if (text.trim() === '') throw new PolicyConfigError('textKey is needed when jwtKeyOrigin is text', '/textKey');
  // RFC 7518 §3.2: an HMAC key at least as long as the hash output.
  const bytes = Number(length) / 8;
  if (method === 'hmac' && Buffer.byteLength(text) < bytes) {
    throw new PolicyConfigError(`an HS${length} secret must be at least ${bytes} bytes long (RFC 7518 §3.2)`, '/textKey');
  }
  return { kind: 'text', text };
}

function audiences(c: RawConfig): JwtConfig['audiences'] {
  if (c.validateAudClaim !== true) return undefined;
  const supported = new Set(
    (c.supportedAudiences ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  );
  if (supported.size === 0) throw new PolicyConfigError('validateAudClaim needs supportedAudiences (a comma-separated list)', '/supportedAudiences');
  return { mandatory: c.mandatoryAudClaim === true, supported };
}

function rules(list: RawConfig['mandatoryCustomClaims'], name: string): ClaimRule[] {
  return (list ?? []).map((r, i) => {
    const text = String(r.value);
    const expected = /^\s*#\[/.test(text) ? { condition: condition(policyValue(text, `/${name}/${i}/value`, 'expression')) } : { literal: text };
    return { key: r.key, expected };
  });
}
