import { Ajv2020 } from 'ajv/dist/2020.js';
import { UnsecuredJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { jwtValidation } from '../../src/policies/jwt-validation.js';
import { PolicyConfigError } from '../../src/policies/policy.js';
import type { KeyPair } from './jwt/harness.js';
import { bearer, closeClients, deps, jwksServer, keyPair, run, sign } from './jwt/harness.js';

afterEach(closeClients);

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const hmacKey = new TextEncoder().encode(SECRET);
const rsaText = (k: KeyPair, extra = {}) => ({ signingMethod: 'rsa', signingKeyLength: Number(k.alg.slice(2)), jwtKeyOrigin: 'text', textKey: k.publicPem, ...extra });
const policy = (config: Record<string, unknown>, d = deps()) => jwtValidation.create(config, d);

describe('jwt-validation: signatures and algorithms', () => {
  it.each(['RS256', 'RS384', 'RS512'])('accepts %s tokens with the matching rsa key length', async (alg) => {
    const k = await keyPair(alg);
    const out = await run(policy(rsaText(k)), bearer(await sign(k)));
    expect(out.response.status).toBe(200);
    expect(out.ctx.vars.claimSet).toMatchObject({ sub: 'ann' });
  });

  it.each([['ES256', 256], ['ES384', 384]])('accepts %s tokens with signingMethod es', async (alg, length) => {
    const k = await keyPair(alg);
    expect((await run(policy({ signingMethod: 'es', signingKeyLength: length, textKey: k.publicPem }), bearer(await sign(k)))).response.status).toBe(200);
  });

  it('accepts HS256 tokens with the shared secret, and rejects one signed with another', async () => {
    const p = policy({ signingMethod: 'hmac', signingKeyLength: '256', textKey: SECRET });
    expect((await run(p, bearer(await sign(hmacKey)))).response.status).toBe(200);
    const forged = await run(p, bearer(await sign(new TextEncoder().encode('another-secret-of-at-least-32-bytes!!'))));
    expect(forged.response.status).toBe(401);
    expect(forged.response.body).toEqual({ error: 'invalid_token', error_description: 'invalid signature' });
    expect(forged.reachedFlow).toBe(false);
  });

  it('rejects a key length the configuration does not allow (RS512 token, RS256 configured)', async () => {
    const k = await keyPair('RS512');
    const out = await run(policy(rsaText(k, { signingKeyLength: 256 })), bearer(await sign(k)));
    expect(out.response.body).toMatchObject({ error_description: 'signing algorithm not allowed' });
  });

  it('rejects RS/HS confusion: an HS256 token keyed with the RSA public key', async () => {
    const k = await keyPair('RS256');
    const confused = await sign(new TextEncoder().encode(k.publicPem));
    const out = await run(policy(rsaText(k)), bearer(confused));
    expect(out.response.status).toBe(401);
    expect(out.response.body).toMatchObject({ error_description: 'signing algorithm not allowed' });
  });

  it('rejects alg none unless signingMethod is none, and then accepts only unsigned tokens', async () => {
    const k = await keyPair('RS256');
    const unsigned = new UnsecuredJWT({ sub: 'ann' }).setExpirationTime('1h').encode();
    expect((await run(policy(rsaText(k)), bearer(unsigned))).response.status).toBe(401);
    const none = policy({ signingMethod: 'none' });
    expect((await run(none, bearer(unsigned))).response.status).toBe(200);
    expect((await run(none, bearer(await sign(k)))).response.status).toBe(401);
  });

  it('rejects a tampered payload', async () => {
    const k = await keyPair('RS256');
    const [h, , s] = (await sign(k, { role: 'user' })).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'ann', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    expect((await run(policy(rsaText(k)), bearer(`${h}.${payload}.${s}`))).response.body).toMatchObject({ error_description: 'invalid signature' });
  });

  it('ignores a key the token points at (jwk header) and checks with the configured one', async () => {
    const mine = await keyPair('RS256');
    const attacker = await keyPair('RS256');
    const token = await sign(attacker, {}, { jwk: attacker.jwk, jku: 'http://evil.example/jwks' });
    expect((await run(policy(rsaText(mine)), bearer(token))).response.status).toBe(401);
  });

  it('refuses a textKey that is no public key of the configured kind', () => {
    expect(() => policy({ signingMethod: 'rsa', textKey: 'not a key' })).toThrow(PolicyConfigError);
  });
});

describe('jwt-validation: claims', () => {
  let k: KeyPair;
  const p = (extra: Record<string, unknown>) => policy(rsaText(k, extra));
  const status = async (extra: Record<string, unknown>, claims: Record<string, unknown>) => {
    const out = await run(p(extra), bearer(await sign(k, claims)));
    return out.response.status === 200 ? 'ok' : (out.response.body as { error_description: string }).error_description;
  };

  it('checks exp, with clockSkew as leeway, and requires it when mandatoryExpClaim', async () => {
    k = await keyPair('RS256');
    const past = Math.floor(Date.now() / 1000) - 30;
    expect(await status({}, { exp: past })).toBe('token expired');
    expect(await status({ clockSkew: 60 }, { exp: past })).toBe('ok');
    expect(await status({ mandatoryExpClaim: true }, { exp: undefined })).toBe('exp claim missing');
  });

  it('checks nbf, and requires it when mandatoryNbfClaim', async () => {
    k = await keyPair('RS256');
    expect(await status({}, { nbf: Math.floor(Date.now() / 1000) + 600 })).toBe('token not yet valid');
    expect(await status({ mandatoryNbfClaim: true }, {})).toBe('nbf claim missing');
  });

  it('checks the audience: any member of an aud list may match; missing only matters when mandatory', async () => {
    k = await keyPair('RS256');
    const aud = { validateAudClaim: true, supportedAudiences: 'https://orders, https://billing' };
    expect(await status(aud, { aud: ['https://other', 'https://billing'] })).toBe('ok');
    expect(await status(aud, { aud: 'https://other' })).toBe('audience not allowed');
    expect(await status(aud, {})).toBe('ok');
    expect(await status({ ...aud, mandatoryAudClaim: true }, {})).toBe('aud claim missing');
  });

  it('checks custom claims: literal (or member of an array), expression over vars.claimSet, mandatory or not', async () => {
    k = await keyPair('RS256');
    const custom = {
      validateCustomClaim: true,
      mandatoryCustomClaims: [{ key: 'scope', value: 'orders:read' }, { key: 'level', value: '#[vars.claimSet.level >= 3]' }],
      nonMandatoryCustomClaims: [{ key: 'tenant', value: 'acme' }],
    };
    expect(await status(custom, { scope: ['orders:read', 'x'], level: 5 })).toBe('ok');
    expect(await status(custom, { scope: 'orders:read', level: 1 })).toBe('level claim invalid');
    expect(await status(custom, { level: 5 })).toBe('scope claim missing');
    expect(await status(custom, { scope: 'orders:read', level: 5, tenant: 'other' })).toBe('tenant claim invalid');
  });

  it('checks issuers and the typ header (RFC 9068 at+jwt)', async () => {
    k = await keyPair('RS256');
    expect(await status({ issuers: ['https://idp-a', 'https://idp-b'] }, { iss: 'https://idp-b' })).toBe('ok');
    expect(await status({ issuers: ['https://idp-a'] }, { iss: 'https://evil' })).toBe('iss claim invalid');
    const typed = await run(p({ requiredTyp: 'at+jwt' }), bearer(await sign(k, {}, { typ: 'application/at+jwt' })));
    expect(typed.response.status).toBe(200);
    expect((await run(p({ requiredTyp: 'at+jwt' }), bearer(await sign(k)))).response.status).toBe(401);
  });

  it('puts claims in headers the flow sees', async () => {
    k = await keyPair('RS256');
    const out = await run(p({ claimsToHeaders: [{ claimName: 'sub', headerName: 'X-User' }, { claimName: 'roles', headerName: 'x-roles' }] }), bearer(await sign(k, { roles: ['a', 'b'] })));
    expect(out.ctx.addedHeaders).toEqual({ 'x-user': 'ann', 'x-roles': '["a","b"]' });
  });
});

describe('jwt-validation: where the token comes from and how refusals read', () => {
  it('answers a missing token 401 with a bare Bearer challenge (RFC 6750 §3.1), 400 in anypointCompat', async () => {
    const k = await keyPair('RS256');
    const p = policy(rsaText(k));
    const out = await run(p, {});
    expect(out.response.status).toBe(401);
    expect(out.response.headers['www-authenticate']).toBe('Bearer realm="orders-v1"');
    expect((await run(p, { authorization: 'Basic abc' })).response.status).toBe(401);
    expect((await run(p, {}, { compat: true })).response.status).toBe(400);
  });

  it('answers an invalid token with error="invalid_token" and a short description', async () => {
    const k = await keyPair('RS256');
    const out = await run(policy(rsaText(k)), bearer('not.a.token'));
    expect(out.response.headers['www-authenticate']).toBe('Bearer realm="orders-v1", error="invalid_token", error_description="malformed token"');
  });

  it('reads the token from a custom expression', async () => {
    const k = await keyPair('RS256');
    const p = policy(rsaText(k, { jwtOrigin: 'customExpression', jwtExpression: "#[attributes.headers['jwt']]" }));
    expect((await run(p, { jwt: await sign(k) })).response.status).toBe(200);
    expect((await run(p, bearer(await sign(k)))).response.status).toBe(401);
  });
});

describe('jwt-validation: JWKS', () => {
  it('takes keys from a JWKS, picks up a rotated key on an unknown kid, and keeps the last set when the endpoint fails', async () => {
    const first = await keyPair('RS256', 'k1');
    const second = await keyPair('RS256', 'k2');
    const jwks = await jwksServer([first.jwk]);
    try {
      const d = deps();
      const p = policy({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks', jwksUrl: jwks.url, jwksServiceTimeToLive: 1 }, d);
      expect((await run(p, bearer(await sign(first)))).response.status).toBe(200);
      jwks.keys = [first.jwk, second.jwk];
      expect((await run(p, bearer(await sign(second)))).response.status).toBe(200);
      expect(jwks.fetches()).toBe(2);
      jwks.mode.value = 'fail';
      d.clock.now += 61_000; // past the TTL: a refetch is due and fails
      expect((await run(p, bearer(await sign(first, { jti: 'fresh' })))).response.status).toBe(200);
      expect(jwks.fetches()).toBe(3);
    } finally {
      await jwks.close();
    }
  });

  it('fetches at most once per cooldown under a flood of unknown kids', async () => {
    const k = await keyPair('RS256', 'real');
    const jwks = await jwksServer([k.jwk]);
    try {
      const d = deps();
      const q = policy({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks', jwksUrl: jwks.url }, d);
      const bogus = await Promise.all(Array.from({ length: 50 }, (_, i) => sign({ ...k, jwk: { ...k.jwk, kid: `bogus-${i}` } })));
      for (const t of bogus.slice(0, 25)) expect((await run(q, bearer(t))).response.status).toBe(401);
      const outs = await Promise.all(bogus.slice(25).map((t) => run(q, bearer(t))));
      expect(outs.every((o) => o.response.status === 401)).toBe(true);
      // The first fetch, then one for the first unknown kid; the cooldown holds off the rest.
      expect(jwks.fetches()).toBe(2);
      d.clock.now += 31_000;
      await run(q, bearer(bogus[0]!));
      expect(jwks.fetches()).toBe(3);
    } finally {
      await jwks.close();
    }
  });

  it('answers 503, never 200, when no key set could ever be fetched', async () => {
    const k = await keyPair('RS256');
    const jwks = await jwksServer([k.jwk]);
    jwks.mode.value = 'hang';
    try {
      const p = policy({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks', jwksUrl: jwks.url, jwksServiceConnectionTimeout: 200 });
      const started = Date.now();
      const out = await run(p, bearer(await sign(k)));
      expect(out.response.status).toBe(503);
      expect(out.reachedFlow).toBe(false);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await jwks.close();
    }
  });
});

describe('jwt-validation: verified-token cache and configuration', () => {
  it('does not verify a token again until it expires', async () => {
    const k = await keyPair('RS256');
    const jwks = await jwksServer([k.jwk]);
    try {
      const d = deps();
      const p = policy({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks', jwksUrl: jwks.url }, d);
      const token = await sign(k, { exp: Math.floor(d.clock.now / 1000) + 120 });
      expect((await run(p, bearer(token))).response.status).toBe(200);
      jwks.keys = []; // a re-verification would now fail
      expect((await run(p, bearer(token))).response.status).toBe(200);
      d.clock.now += 121_000;
      expect((await run(p, bearer(token))).response.body).toMatchObject({ error_description: 'token expired' });
    } finally {
      await jwks.close();
    }
  });

  it('refuses skipClientIdValidation false (client applications are not supported yet) and customKey', () => {
    expect(() => policy({ signingMethod: 'hmac', textKey: SECRET, skipClientIdValidation: false })).toThrow(/client applications/);
    expect(() => policy({ jwtKeyOrigin: 'customKey', customKeyExpression: '#[1]' })).toThrow(PolicyConfigError);
  });

  it('has a schema that accepts an exported Anypoint configuration and rejects unknown keys', () => {
    const validate = new Ajv2020({ strict: false }).compile(jwtValidation.schema);
    const exported = {
      jwtOrigin: 'httpBearerAuthenticationHeader', jwtExpression: "#[attributes.headers['jwt']]", signingMethod: 'rsa', signingKeyLength: 256,
      jwtKeyOrigin: 'jwks', textKey: 'your-(256|384|512)-bit-secret', jwksUrl: 'https://idp/jwks', jwksServiceTimeToLive: 60, jwksServiceConnectionTimeout: 10000,
      skipClientIdValidation: true, clientIdExpression: '#[vars.claimSet.client_id]', validateAudClaim: true, mandatoryAudClaim: true, supportedAudiences: 'aud',
      mandatoryExpClaim: true, mandatoryNbfClaim: false, validateCustomClaim: false, claimsToHeaders: [{ claimName: 'scope', headerName: 'X-Scopes' }],
    };
    expect(validate(exported)).toBe(true);
    expect(() => policy(exported)).not.toThrow();
    expect(validate({ ...exported, signingMethodd: 'rsa' })).toBe(false);
  });

  it('refuses an HMAC secret shorter than the hash (RFC 7518 §3.2)', () => {
    expect(() => policy({ signingMethod: 'hmac', signingKeyLength: 384, textKey: 'x'.repeat(47) })).toThrow(/at least 48 bytes/);
    expect(() => policy({ signingMethod: 'hmac', signingKeyLength: 384, textKey: 'x'.repeat(48) })).not.toThrow();
  });
});

