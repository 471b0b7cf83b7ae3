import type { JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { jwtValidation } from '../../../src/policies/jwt-validation/jwt-validation.js';
import type { KeyPair } from './harness.js';
import { bearer, deps, keyPair, run, sign, verdict } from './harness.js';

let k: KeyPair;
beforeAll(async () => {
  k = await keyPair('RS256');
});

const now = () => Math.floor(Date.now() / 1000);
/** The verdict for a token with `claims` (and `header`) under an rsa configuration plus `extra`. */
async function check(extra: Record<string, unknown>, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const policy = jwtValidation.create({ signingMethod: 'rsa', textKey: k.publicPem, ...extra }, deps());
  return verdict(await run(policy, bearer(await sign(k, claims, header))));
}

describe('jwt-validation: exp and nbf', () => {
  it('refuses an expired token', async () => {
    expect(await check({}, { exp: now() - 30 })).toBe('401 token expired');
  });

  it('accepts an expired token within clockSkew, not beyond it', async () => {
    expect(await check({ clockSkew: 60 }, { exp: now() - 30 })).toBe('ok');
    expect(await check({ clockSkew: 60 }, { exp: now() - 90 })).toBe('401 token expired');
  });

  it('refuses a token whose nbf is in the future, unless within clockSkew', async () => {
    expect(await check({}, { nbf: now() + 600 })).toBe('401 token not yet valid');
    expect(await check({ clockSkew: 60 }, { nbf: now() + 30 })).toBe('ok');
  });

  it('requires exp only when mandatoryExpClaim, nbf only when mandatoryNbfClaim', async () => {
    expect(await check({}, { exp: undefined })).toBe('ok');
    expect(await check({ mandatoryExpClaim: true }, { exp: undefined })).toBe('401 exp claim missing');
    expect(await check({}, {})).toBe('ok');
    expect(await check({ mandatoryNbfClaim: true }, {})).toBe('401 nbf claim missing');
    expect(await check({ mandatoryNbfClaim: true }, { nbf: now() - 5 })).toBe('ok');
  });

  it('refuses an exp that is no number', async () => {
    expect(await check({}, { exp: 'tomorrow' as unknown as number })).toBe('401 exp claim invalid');
  });
});

describe('jwt-validation: audience', () => {
  const aud = { validateAudClaim: true, supportedAudiences: 'https://orders, https://billing' };

  it('accepts a token whose aud is one of supportedAudiences', async () => {
    expect(await check(aud, { aud: 'https://billing' })).toBe('ok');
  });

  it('accepts an aud list when any member is supported', async () => {
    expect(await check(aud, { aud: ['https://other', 'https://orders'] })).toBe('ok');
    expect(await check(aud, { aud: ['https://other', 'https://more'] })).toBe('401 audience not allowed');
  });

  it('refuses an aud that is not supported', async () => {
    expect(await check(aud, { aud: 'https://other' })).toBe('401 audience not allowed');
  });

  it('lets a token without aud pass unless mandatoryAudClaim', async () => {
    expect(await check(aud, {})).toBe('ok');
    expect(await check({ ...aud, mandatoryAudClaim: true }, {})).toBe('401 aud claim missing');
  });

  it('ignores aud when validateAudClaim is false', async () => {
    expect(await check({ supportedAudiences: 'https://orders', mandatoryAudClaim: true }, { aud: 'https://other' })).toBe('ok');
  });
});

describe('jwt-validation: custom claims', () => {
  const custom = (mandatory: unknown[], optional: unknown[] = []) => ({
    validateCustomClaim: true,
    mandatoryCustomClaims: mandatory,
    nonMandatoryCustomClaims: optional,
  });

  it('checks a literal: the claim equals it', async () => {
    const c = custom([{ key: 'tenant', value: 'acme' }]);
    expect(await check(c, { tenant: 'acme' })).toBe('ok');
    expect(await check(c, { tenant: 'other' })).toBe('401 tenant claim invalid');
  });

  it('checks a literal against an array claim: the array contains it', async () => {
    const c = custom([{ key: 'scope', value: 'orders:read' }]);
    expect(await check(c, { scope: ['profile', 'orders:read'] })).toBe('ok');
    expect(await check(c, { scope: ['profile'] })).toBe('401 scope claim invalid');
  });

  it('checks an expression over vars.claimSet: it must be true', async () => {
    const c = custom([{ key: 'level', value: "#[vars.claimSet.level >= 3 and vars.claimSet.tenant = 'acme']" }]);
    expect(await check(c, { level: 5, tenant: 'acme' })).toBe('ok');
    expect(await check(c, { level: 1, tenant: 'acme' })).toBe('401 level claim invalid');
  });

  it('refuses when an expression is not a boolean or fails', async () => {
    expect(await check(custom([{ key: 'level', value: '#[vars.claimSet.level]' }]), { level: 5 })).toBe('401 level claim invalid');
    expect(await check(custom([{ key: 'level', value: '#[$number("x") > 1]' }]), { level: 5 })).toBe('401 level claim invalid');
  });

  it('requires mandatory claims to be present', async () => {
    expect(await check(custom([{ key: 'tenant', value: 'acme' }]), {})).toBe('401 tenant claim missing');
  });

  it('checks non-mandatory claims only when present', async () => {
    const c = custom([], [{ key: 'tenant', value: 'acme' }]);
    expect(await check(c, {})).toBe('ok');
    expect(await check(c, { tenant: 'acme' })).toBe('ok');
    expect(await check(c, { tenant: 'other' })).toBe('401 tenant claim invalid');
  });

  it('ignores the lists when validateCustomClaim is false', async () => {
    expect(await check({ mandatoryCustomClaims: [{ key: 'tenant', value: 'acme' }] }, {})).toBe('ok');
  });
});

describe('jwt-validation: issuers and typ (flowrt extensions)', () => {
  it('accepts a token whose iss is one of issuers, refuses others and none', async () => {
    const issuers = { issuers: ['https://idp-a', 'https://idp-b'] };
    expect(await check(issuers, { iss: 'https://idp-b' })).toBe('ok');
    expect(await check(issuers, { iss: 'https://evil' })).toBe('401 iss claim invalid');
    expect(await check(issuers, {})).toBe('401 iss claim missing');
  });

  it('requires the typ header, compared without case and application/ prefix (RFC 9068)', async () => {
    const typ = { requiredTyp: 'at+jwt' };
    expect(await check(typ, {}, { typ: 'at+jwt' })).toBe('ok');
    expect(await check(typ, {}, { typ: 'application/at+jwt' })).toBe('ok');
    expect(await check(typ, {}, { typ: 'AT+JWT' })).toBe('ok');
    expect(await check(typ, {}, { typ: 'JWT' })).toBe('401 token type not accepted');
    expect(await check(typ, {})).toBe('401 token type not accepted');
  });
});
