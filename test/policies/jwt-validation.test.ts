import { Ajv2020 } from 'ajv/dist/2020.js';
import { UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POLICIES } from '../../src/policies/index.js';
import { jwtValidation } from '../../src/policies/jwt-validation/jwt-validation.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import type { Policy } from '../../src/policies/shared/policy.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { rawGet } from '../helpers/raw-http.js';
import type { KeyPair } from './jwt-validation/harness.js';
import { bearer, capturingLogger, closeClients, deps, jwksServer, keyPair, run, sign, verdict } from './jwt-validation/harness.js';

afterEach(closeClients);

const policy = (config: Record<string, unknown>, d = deps()) => jwtValidation.create(config, d);
const METHOD: Record<string, string> = { RS: 'rsa', ES: 'es', HS: 'hmac' };
/** The configuration that accepts `k`'s algorithm: method and length from its name, its key as textKey. */
const configFor = (k: KeyPair, extra: Record<string, unknown> = {}) => ({
  signingMethod: METHOD[k.alg.slice(0, 2)],
  signingKeyLength: Number(k.alg.slice(2)),
  jwtKeyOrigin: 'text',
  textKey: k.publicPem,
  ...extra,
});

describe('jwt-validation: algorithms (RFC 8725 §3.1)', () => {
  const ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512'];
  const pairs = new Map<string, KeyPair>();
  const tokens = new Map<string, string>();
  const policies = new Map<string, Policy>();
  beforeAll(async () => {
    for (const alg of ALGS) {
      const k = await keyPair(alg);
      pairs.set(alg, k);
      tokens.set(alg, await sign(k));
      policies.set(alg, policy(configFor(k)));
    }
  });

  it.each(ALGS)('accepts %s tokens when configured for it, and hands the claims to the flow', async (alg) => {
    const out = await run(policies.get(alg)!, bearer(tokens.get(alg)!));
    expect(verdict(out)).toBe('ok');
    expect(out.ctx.vars.claimSet).toMatchObject({ sub: 'ann' });
  });

  it.each(ALGS)('refuses %s tokens under every other configuration', async (alg) => {
    for (const other of ALGS.filter((a) => a !== alg)) {
      const out = await run(policies.get(other)!, bearer(tokens.get(alg)!));
      expect({ other, verdict: verdict(out) }).toEqual({ other, verdict: '401 signing algorithm not allowed' });
    }
  });

  it('accepts the string key lengths exported configurations carry ("384")', async () => {
    const k = pairs.get('HS384')!;
    expect(verdict(await run(policy(configFor(k, { signingKeyLength: '384' })), bearer(tokens.get('HS384')!)))).toBe('ok');
  });

  it('refuses an HS256 token signed with the RSA public key PEM as its secret (key confusion)', async () => {
    const k = pairs.get('RS256')!;
    const confused = await sign(new TextEncoder().encode(k.publicPem));
    const out = await run(policies.get('RS256')!, bearer(confused));
    expect(verdict(out)).toBe('401 signing algorithm not allowed');
    expect(out.reachedFlow).toBe(false);
  });

  it('refuses alg none unless signingMethod is none, which then accepts only unsigned tokens', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'ann' }).setExpirationTime('1h').encode();
    for (const alg of ALGS) expect(verdict(await run(policies.get(alg)!, bearer(unsigned)))).toBe('401 signing algorithm not allowed');
    const none = policy({ signingMethod: 'none' });
    expect(verdict(await run(none, bearer(unsigned)))).toBe('ok');
    expect(verdict(await run(none, bearer(tokens.get('RS256')!)))).toBe('401 malformed token');
    // An unsigned token still has its exp checked.
    const stale = new UnsecuredJWT({ sub: 'ann' }).setExpirationTime(Math.floor(Date.now() / 1000) - 10).encode();
    expect(verdict(await run(none, bearer(stale)))).toBe('401 token expired');
  });

  it('refuses a token signed by another key of the right kind', async () => {
    const other = await keyPair('ES256');
    expect(verdict(await run(policies.get('ES256')!, bearer(await sign(other))))).toBe('401 invalid signature');
    const otherSecret = await keyPair('HS256');
    expect(verdict(await run(policies.get('HS256')!, bearer(await sign(otherSecret))))).toBe('401 invalid signature');
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = tokens.get('RS256')!.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'root', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    const out = await run(policies.get('RS256')!, bearer(`${h}.${payload}.${s}`));
    expect(out.response.body).toEqual({ error: 'invalid_token', error_description: 'invalid signature' });
    expect(out.reachedFlow).toBe(false);
  });

  it('never takes a key from the token: jwk, jku and x5u headers are ignored', async () => {
    const attacker = await keyPair('RS256');
    const jwks = await jwksServer([attacker.jwk]);
    try {
      const token = await sign(
        attacker,
        { sub: 'root' },
        { jwk: { kty: attacker.jwk.kty, n: attacker.jwk.n, e: attacker.jwk.e }, jku: jwks.url, x5u: jwks.url },
      );
      expect(verdict(await run(policies.get('RS256')!, bearer(token)))).toBe('401 invalid signature');
      expect(jwks.fetches()).toBe(0);
    } finally {
      await jwks.close();
    }
  });

  it('takes a textKey of bare base64 without the PEM lines, as Anypoint users paste it', async () => {
    const k = pairs.get('ES384')!;
    const bare = k.publicPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(verdict(await run(policy(configFor(k, { textKey: bare })), bearer(tokens.get('ES384')!)))).toBe('ok');
  });
});

describe('jwt-validation: where the token comes from', () => {
  let k: KeyPair;
  beforeAll(async () => {
    k = await keyPair('HS256');
  });

  it('reads the Authorization Bearer header, scheme in any case', async () => {
    const token = await sign(k);
    expect(verdict(await run(policy(configFor(k)), { authorization: `bearer ${token}` }))).toBe('ok');
  });

  it('treats other schemes and an empty Bearer as no token', async () => {
    const p = policy(configFor(k));
    for (const authorization of ['Basic YW5uOnB3', 'Bearer ', 'Bearer', `Token ${await sign(k)}`]) {
      expect(verdict(await run(p, { authorization }))).toBe('401 missing bearer token');
    }
  });

  it('reads the token from a custom expression, and then not from Authorization', async () => {
    const p = policy(configFor(k, { jwtOrigin: 'customExpression', jwtExpression: '#[attributes.headers.jwt]' }));
    expect(verdict(await run(p, { jwt: await sign(k) }))).toBe('ok');
    expect(verdict(await run(p, bearer(await sign(k))))).toBe('401 missing bearer token');
    expect(verdict(await run(p, { jwt: 'garbage' }))).toBe('401 malformed token');
  });
});

describe('jwt-validation: refusals (RFC 6750 §3)', () => {
  let k: KeyPair;
  beforeAll(async () => {
    k = await keyPair('HS256');
  });

  it('answers a missing token 401 with a bare Bearer challenge and no error code', async () => {
    const out = await run(policy(configFor(k)), {});
    expect(out.response.status).toBe(401);
    expect(out.response.headers['www-authenticate']).toBe('Bearer realm="orders-v1"');
    expect(out.response.body).toEqual({ error: 'unauthorized', error_description: 'missing bearer token' });
    expect(out.reachedFlow).toBe(false);
  });

  it('answers a missing token 400 in anypointCompat, as Anypoint does', async () => {
    const out = await run(policy(configFor(k)), {}, { compat: true });
    expect(out.response.status).toBe(400);
    expect(out.reachedFlow).toBe(false);
  });

  it('answers an invalid token 401 with error="invalid_token" and a short description, in header and JSON body', async () => {
    const out = await run(policy(configFor(k)), bearer('not.a.token'), { compat: true });
    expect(out.response.status).toBe(401);
    expect(out.response.headers['www-authenticate']).toBe('Bearer realm="orders-v1", error="invalid_token", error_description="malformed token"');
    expect(out.response.body).toEqual({ error: 'invalid_token', error_description: 'malformed token' });
    expect(out.response.mediaType).toBe('application/json');
  });

  it('logs neither the token nor the key, whatever it refuses', async () => {
    const { log, lines } = capturingLogger();
    const d = deps({ log });
    const p = policy(configFor(k), d);
    const good = await sign(k, { jti: 'one' });
    const forged = await sign(await keyPair('HS256'));
    for (const token of [good, forged, 'x.y.z']) await run(p, bearer(token), { log });
    const jwks = await jwksServer([]);
    jwks.mode.value = 'fail';
    try {
      const rsa = await keyPair('RS256');
      await run(policy({ jwtKeyOrigin: 'jwks', jwksUrl: jwks.url }, d), bearer(await sign(rsa)), { log });
    } finally {
      await jwks.close();
    }
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join('');
    for (const secret of [good, forged, k.publicPem, good.split('.')[2]!]) expect(text).not.toContain(secret);
  });
});

describe('jwt-validation: what the flow gets', () => {
  it('adds claimsToHeaders as lower-case request headers, non-string claims as JSON, absent claims not at all', async () => {
    const k = await keyPair('ES256');
    const p = policy(
      configFor(k, {
        claimsToHeaders: [
          { claimName: 'sub', headerName: 'X-User' },
          { claimName: 'roles', headerName: 'x-roles' },
          { claimName: 'level', headerName: 'X-Level' },
          { claimName: 'tenant', headerName: 'X-Tenant' },
        ],
      }),
    );
    const out = await run(p, bearer(await sign(k, { roles: ['a', 'b'], level: 3 })));
    expect(out.ctx.addedHeaders).toEqual({ 'x-user': 'ann', 'x-roles': '["a","b"]', 'x-level': '3' });
    // Every claimsToHeaders header is the policy's, the absent claim's too: the client's go.
    expect([...out.ctx.removedHeaders].sort()).toEqual(['x-level', 'x-roles', 'x-tenant', 'x-user']);
  });

  it('hands the flow frozen claims, so one request cannot change what the next sees', async () => {
    const k = await keyPair('HS256');
    const p = policy(configFor(k));
    const token = await sign(k, { roles: ['a'] });
    const first = await run(p, bearer(token));
    expect(Object.isFrozen(first.ctx.vars.claimSet)).toBe(true);
    expect(() => ((first.ctx.vars.claimSet as { roles: string[] }).roles as string[]).push('admin')).toThrow();
    expect((await run(p, bearer(token))).ctx.vars.claimSet).toMatchObject({ roles: ['a'] });
  });
});

describe('jwt-validation: registry and lifecycle', () => {
  it('is registered by its Anypoint id', () => {
    expect(POLICIES.find((p) => p.id === 'jwt-validation')).toBe(jwtValidation);
  });

  it('closes its JWKS pool on stop (twice is harmless), and holds none for a text key', async () => {
    const k = await keyPair('RS256');
    const jwks = await jwksServer([k.jwk]);
    try {
      const d = deps();
      const p = policy({ jwtKeyOrigin: 'jwks', jwksUrl: jwks.url }, d);
      expect(verdict(await run(p, bearer(await sign(k))))).toBe('ok');
      expect(d.pools).toEqual([{ closed: false }]);
      await p.stop?.();
      await p.stop?.(); // a second stop is harmless
      expect(d.pools).toEqual([{ closed: true }]);
      const text = deps();
      await policy(configFor(k), text).stop?.();
      expect(text.pools).toEqual([]);
    } finally {
      await jwks.close();
    }
  });
});

describe('jwt-validation: configuration', () => {
  const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';

  it('refuses a textKey that is no public key of the configured kind', () => {
    expect(() => policy({ signingMethod: 'rsa', textKey: 'not a key' })).toThrow(PolicyConfigError);
  });

  it('refuses customKey (a key from an expression)', () => {
    expect(() => policy({ jwtKeyOrigin: 'customKey', customKeyExpression: '#[1]' })).toThrow(PolicyConfigError);
  });

  it('with skipClientIdValidation false, lets in only tokens of a client with an approved contract, looked up on every request', async () => {
    const approved = new Map([['ann-app', { application: 'ann', clientId: 'ann-app', tier: 'gold' }]]);
    const d = { ...deps(), contracts: { find: (id: string) => approved.get(id) } };
    const p = policy({ signingMethod: 'hmac', textKey: SECRET, skipClientIdValidation: false }, d);
    const key = new TextEncoder().encode(SECRET);
    const token = await sign(key, { client_id: 'ann-app' });
    const ok = await run(p, bearer(token));
    expect(verdict(ok)).toBe('ok');
    expect(ok.ctx.vars.client).toEqual({ clientId: 'ann-app', application: 'ann', tier: 'gold' });
    const stranger = await run(p, bearer(await sign(key, { client_id: 'bob-app' })));
    expect(verdict(stranger)).toBe('401 client has no contract with this API');
    expect(stranger.response.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(verdict(await run(p, bearer(await sign(key, {}))))).toBe('401 client has no contract with this API');
    // The token is cached as verified; its client's contract is not: revoking it applies at once.
    approved.delete('ann-app');
    expect(verdict(await run(p, bearer(token)))).toBe('401 client has no contract with this API');
  });

  it('reads the client id where clientIdExpression says, over vars.claimSet', async () => {
    const d = { ...deps(), contracts: { find: (id: string) => (id === 'ann-app' ? { application: 'ann', clientId: id } : undefined) } };
    const p = policy({ signingMethod: 'hmac', textKey: SECRET, skipClientIdValidation: false, clientIdExpression: '#[vars.claimSet.azp]' }, d);
    const key = new TextEncoder().encode(SECRET);
    expect(verdict(await run(p, bearer(await sign(key, { azp: 'ann-app' }))))).toBe('ok');
    expect(verdict(await run(p, bearer(await sign(key, { client_id: 'ann-app' }))))).toBe('401 client has no contract with this API');
    expect(() => policy({ signingMethod: 'hmac', textKey: SECRET, skipClientIdValidation: false, clientIdExpression: '#[vars.claimSet.' })).toThrow(
      PolicyConfigError,
    );
  });

  it('has a schema that accepts an exported Anypoint configuration and rejects unknown keys', () => {
    const validate = new Ajv2020({ strict: false }).compile(jwtValidation.schema);
    const exported = {
      jwtOrigin: 'httpBearerAuthenticationHeader',
      jwtExpression: "#[attributes.headers['jwt']]",
      signingMethod: 'rsa',
      signingKeyLength: 256,
      jwtKeyOrigin: 'jwks',
      textKey: 'your-(256|384|512)-bit-secret',
      jwksUrl: 'https://idp/jwks',
      jwksServiceTimeToLive: 60,
      jwksServiceConnectionTimeout: 10000,
      skipClientIdValidation: true,
      clientIdExpression: '#[vars.claimSet.client_id]',
      validateAudClaim: true,
      mandatoryAudClaim: true,
      supportedAudiences: 'aud',
      mandatoryExpClaim: true,
      mandatoryNbfClaim: false,
      validateCustomClaim: false,
      claimsToHeaders: [{ claimName: 'scope', headerName: 'X-Scopes' }],
    };
    expect(validate(exported)).toBe(true);
    const p = policy(exported);
    void p.stop?.();
    expect(validate({ ...exported, signingMethodd: 'rsa' })).toBe(false);
  });

  it('refuses an HMAC secret shorter than the hash (RFC 7518 §3.2)', () => {
    expect(() => policy({ signingMethod: 'hmac', signingKeyLength: 384, textKey: 'x'.repeat(47) })).toThrow(/at least 48 bytes/);
    expect(() => policy({ signingMethod: 'hmac', signingKeyLength: 384, textKey: 'x'.repeat(48) })).not.toThrow();
  });
});

describe('jwt-validation: claimsToHeaders headers belong to the policy', () => {
  const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
  const key = new TextEncoder().encode(SECRET);
  const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
    <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/>
      <set-payload value="#[{'user': attributes.headers.\`x-user\`, 'tenant': attributes.headers.\`x-tenant\`}]"/></flow>`).replace(
    '<mule ',
    '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
  );
  const config = {
    signingMethod: 'hmac',
    textKey: SECRET,
    claimsToHeaders: [
      { claimName: 'sub', headerName: 'X-User' },
      { claimName: 'tenant', headerName: 'x-tenant' },
    ],
  };
  let app: TestApp;
  beforeAll(async () => {
    app = await start({
      'flows/app.xml': FLOWS,
      'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:\n      - id: jwt-validation\n        config: ${JSON.stringify(config)}\n`,
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  const seen = async (token: string, headers: string[]) => {
    const res = await rawGet(app.url('/orders/1'), [`Authorization: Bearer ${token}`, ...headers]);
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as { user?: string; tenant?: string };
  };

  it('removes a header the client sent under a claimsToHeaders name when the token lacks the claim', async () => {
    const token = await sign(key, { sub: undefined });
    expect(await seen(token, ['x-user: admin', 'X-Tenant: acme'])).toEqual({});
  });

  it('gives the flow the claim value only, whatever the client sent under that name, twice or in any case', async () => {
    const token = await sign(key, { sub: 'ann', tenant: 'north' });
    expect(await seen(token, ['X-User: admin'])).toEqual({ user: 'ann', tenant: 'north' });
    expect(await seen(token, ['x-user: admin', 'X-USER: root', 'x-tenant: south', 'X-Tenant: east'])).toEqual({ user: 'ann', tenant: 'north' });
  });

  it('leaves other headers alone', async () => {
    const res = await rawGet(app.url('/orders/1'), [`Authorization: Bearer ${await sign(key, { sub: 'ann' })}`, 'X-Other: kept']);
    expect(res.status).toBe(200);
  });
});
