import type { Value } from '../../expr/value.js';
import { policyValue } from '../expressions.js';
import { PolicyConfigError } from '../policy.js';

export interface ClaimRule {
  readonly key: string;
  /** A literal the claim must equal (or contain, when it is an array), or a condition over vars.claimSet. */
  readonly expected: { readonly literal: string } | { readonly condition: Value };
}

/** jwt-validation's configuration, checked and compiled once. */
export interface JwtConfig {
  readonly origin: { readonly header: true } | { readonly expression: Value };
  readonly method: 'rsa' | 'hmac' | 'es' | 'none';
  readonly algorithms: readonly string[];
  readonly key: { readonly text: string } | { readonly jwks: URL; readonly ttlMs: number; readonly timeoutMs: number } | { readonly none: true };
  readonly audiences?: { readonly mandatory: boolean; readonly supported: ReadonlySet<string> };
  readonly mandatoryExp: boolean;
  readonly mandatoryNbf: boolean;
  readonly mandatoryClaims: readonly ClaimRule[];
  readonly optionalClaims: readonly ClaimRule[];
  readonly claimsToHeaders: ReadonlyArray<readonly [string, string]>;
  readonly clockSkewSec: number;
  readonly issuers?: readonly string[];
  readonly requiredTyp?: string;
}

const ALGORITHMS: Record<string, Record<string, string>> = {
  rsa: { 256: 'RS256', 384: 'RS384', 512: 'RS512' },
  hmac: { 256: 'HS256', 384: 'HS384', 512: 'HS512' },
  es: { 256: 'ES256', 384: 'ES384', 512: 'ES512' },
};

/** Reads a configuration the schema accepted; what it cannot express is a PolicyConfigError. */
export function jwtConfig(c: Readonly<Record<string, unknown>>): JwtConfig {
  const method = (c.signingMethod ?? 'rsa') as JwtConfig['method'];
  const length = String(c.signingKeyLength ?? 256);
  const keyOrigin = (c.jwtKeyOrigin ?? 'text') as string;
  if (c.skipClientIdValidation === false) {
    throw new PolicyConfigError('client id validation needs client applications and contracts, which flowrt does not support yet: set skipClientIdValidation: true', '/skipClientIdValidation');
  }
  if (keyOrigin === 'customKey') throw new PolicyConfigError('jwtKeyOrigin customKey (a key from an expression) is not supported: use text or jwks', '/jwtKeyOrigin');
  let key: JwtConfig['key'];
  if (method === 'none') key = { none: true };
  else if (keyOrigin === 'jwks') {
    if (method === 'hmac') throw new PolicyConfigError('hmac keys are shared secrets: they come from textKey, not a JWKS', '/jwtKeyOrigin');
    let url: URL;
    try {
      url = new URL(String(c.jwksUrl));
      if (!/^https?:$/.test(url.protocol)) throw new Error();
    } catch {
      throw new PolicyConfigError('jwksUrl must be an http(s) URL', '/jwksUrl');
    }
    key = { jwks: url, ttlMs: Number(c.jwksServiceTimeToLive ?? 60) * 60_000, timeoutMs: Number(c.jwksServiceConnectionTimeout ?? 10_000) };
  } else {
    if (typeof c.textKey !== 'string' || c.textKey === '') throw new PolicyConfigError('textKey is needed when jwtKeyOrigin is text', '/textKey');
    // RFC 7518 §3.2: an HMAC key at least as long as the hash output.
    const bytes = Number(length) / 8;
    if (method === 'hmac' && Buffer.byteLength(c.textKey) < bytes) {
      throw new PolicyConfigError(`an HS${length} secret must be at least ${bytes} bytes long (RFC 7518 §3.2)`, '/textKey');
    }
    key = { text: c.textKey };
  }
  const audiences = c.validateAudClaim === true
    ? { mandatory: c.mandatoryAudClaim === true, supported: new Set(String(c.supportedAudiences ?? '').split(',').map((a) => a.trim()).filter(Boolean)) }
    : undefined;
  if (audiences && audiences.supported.size === 0) throw new PolicyConfigError('validateAudClaim needs supportedAudiences', '/supportedAudiences');
  const custom = c.validateCustomClaim === true;
  return {
    origin: c.jwtOrigin === 'customExpression' ? { expression: policyValue(String(c.jwtExpression ?? "#[attributes.headers['jwt']]"), '/jwtExpression') } : { header: true },
    method,
    algorithms: method === 'none' ? ['none'] : [ALGORITHMS[method]![length]!],
    key,
    audiences,
    mandatoryExp: c.mandatoryExpClaim === true,
    mandatoryNbf: c.mandatoryNbfClaim === true,
    mandatoryClaims: custom ? rules(c.mandatoryCustomClaims, 'mandatoryCustomClaims') : [],
    optionalClaims: custom ? rules(c.nonMandatoryCustomClaims, 'nonMandatoryCustomClaims') : [],
    claimsToHeaders: ((c.claimsToHeaders as Array<{ claimName: string; headerName: string }> | undefined) ?? []).map((h) => [h.claimName, h.headerName.toLowerCase()] as const),
    clockSkewSec: Number(c.clockSkew ?? 0),
    issuers: c.issuers as string[] | undefined,
    requiredTyp: c.requiredTyp as string | undefined,
  };
}

function rules(list: unknown, name: string): ClaimRule[] {
  return ((list as Array<{ key: string; value: string | number | boolean }> | undefined) ?? []).map((r, i) => {
    const text = String(r.value);
    const expected = /^\s*#\[/.test(text) ? { condition: policyValue(text, `/${name}/${i}/value`, 'expression') } : { literal: text };
    return { key: r.key, expected };
  });
}
