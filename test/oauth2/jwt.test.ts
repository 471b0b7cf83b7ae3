import { constants, generateKeyPairSync, randomUUID, verify } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { JWK } from 'jose';
import { calculateJwkThumbprint, createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { GENERATED_KEY, JwtSigner, signingKeyFromPem } from '../../src/oauth2/jwt-signer.js';
import type { ProviderSettings } from '../../src/oauth2/settings.js';
import { TokenService } from '../../src/oauth2/tokens.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import { openStores } from '../../src/stores/open-stores.js';
import type { StoreFactory } from '../../src/stores/store.js';
import { load, mule, writeApp } from '../helpers/app.js';

const SECRET = 'svc-secret-0123456789abcdef';
const provider = (tokenConfig = '') =>
  mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ WRITE" defaultScopes="READ">
    <oauth2-provider:token-config accessTokenFormat="jwt" tokenTtl="600" ${tokenConfig}/>
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="me"><http:listener config-ref="listener" path="/me"/><oauth2-provider:validate-token config-ref="oauth"/></flow>`);

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** An app folder of its own name (its stores' scope), removed after the test. */
async function appDir(files: Record<string, string> = {}, name = `jwt-${randomUUID().slice(0, 8)}`): Promise<string> {
  const dir = await writeApp({ 'flows/app.xml': provider(), 'flowrt-app.json': JSON.stringify({ name }), ...files });
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function run(dir: string, stores?: StoreFactory): Promise<Runtime> {
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, ...(stores ? { stores } : {}) });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  const runtime = started.runtime;
  cleanup.push(() => runtime.stop());
  return runtime;
}

const url = (rt: Runtime, path: string) => `http://127.0.0.1:${rt.running.portOf('listener')}${path}`;
const issuerOf = (rt: Runtime) => url(rt, '');
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = `Basic ${Buffer.from(`svc:${SECRET}`).toString('base64')}`;

async function token(rt: Runtime, body = 'grant_type=client_credentials&scope=READ%20WRITE'): Promise<string> {
  const res = await fetch(url(rt, '/token'), { method: 'POST', headers: { ...form, authorization: basic }, body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const jwksOf = async (rt: Runtime) => (await (await fetch(url(rt, '/jwks'))).json()) as { keys: Array<JWK & { kid: string }> };

describe('oauth2-provider JWT access tokens (RFC 9068)', () => {
  it('issues at+jwt tokens that verify against the served JWKS, with the RFC 9068 claims', async () => {
    const rt = await run(await appDir());
    const jwt = await token(rt);
    const issuer = issuerOf(rt);
    const { payload, protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(new URL(url(rt, '/jwks'))), { issuer, audience: issuer, typ: 'at+jwt' });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ iss: issuer, sub: 'svc', aud: issuer, client_id: 'svc', scope: 'READ WRITE' });
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(payload.nbf).toBeUndefined();

    const jwks = await fetch(url(rt, '/jwks'));
    expect(jwks.headers.get('cache-control')).toBe('max-age=300');
    expect(jwks.headers.get('content-type')).toMatch(/^application\/(jwk-set\+)?json/);
    const { keys } = (await jwks.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256', kid: protectedHeader.kid });
    expect(keys[0]!.d).toBeUndefined();
    expect(keys[0]!.kid).toBe(await calculateJwkThumbprint(keys[0] as JWK, 'sha256'));

    const meta = (await (await fetch(url(rt, '/.well-known/oauth-authorization-server'))).json()) as Record<string, unknown>;
    expect(meta.jwks_uri).toBe(url(rt, '/jwks'));
    expect((await fetch(url(rt, '/me'), { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(200);
  });

  it('puts the RFC 8707 resource in aud', async () => {
    const rt = await run(await appDir());
    const jwt = await token(rt, 'grant_type=client_credentials&resource=https%3A%2F%2Fapi.example.com');
    const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(url(rt, '/jwks'))), { audience: 'https://api.example.com' });
    expect(payload.aud).toBe('https://api.example.com');
  });

  it('has no JWKS endpoint and issues opaque tokens when accessTokenFormat is opaque', async () => {
    const dir = await appDir({ 'flows/app.xml': provider().replace('accessTokenFormat="jwt"', 'accessTokenFormat="opaque"') });
    const rt = await run(dir);
    expect((await token(rt)).split('.')).toHaveLength(1);
    expect((await fetch(url(rt, '/jwks'))).status).toBe(404);
    const meta = (await (await fetch(url(rt, '/.well-known/oauth-authorization-server'))).json()) as Record<string, unknown>;
    expect(meta.jwks_uri).toBeUndefined();
  });

  it('a revoked JWT is inactive at introspection and refused by validate-token, its signature notwithstanding', async () => {
    const rt = await run(await appDir());
    const jwt = await token(rt);
    const post = (path: string, body: string) => fetch(url(rt, path), { method: 'POST', headers: { ...form, authorization: basic }, body });
    expect(await (await post('/introspect', `token=${jwt}`)).json()).toMatchObject({ active: true, client_id: 'svc' });
    expect((await post('/revoke', `token=${jwt}`)).status).toBe(200);
    expect(await (await post('/introspect', `token=${jwt}`)).json()).toEqual({ active: false });
    expect((await fetch(url(rt, '/me'), { headers: { authorization: `Bearer ${jwt}` } })).status).not.toBe(200);
    await expect(jwtVerify(jwt, createRemoteJWKSet(new URL(url(rt, '/jwks'))))).resolves.toBeDefined();
  });
});

describe('oauth2-provider JWT signing keys', () => {
  it('signs with a configured PEM key (RSA → RS256), kid its RFC 7638 thumbprint', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = await appDir({
      'flows/app.xml': provider('signingKey="keys/signing.pem"'),
      'keys/signing.pem': privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    });
    const rt = await run(dir);
    const jwt = await token(rt);
    const expectedKid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK, 'sha256');
    const { protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(new URL(url(rt, '/jwks'))), { typ: 'at+jwt' });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expectedKid });
    expect((await jwksOf(rt)).keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: expectedKid, alg: 'RS256', use: 'sig' })]);
  });

  it.each([
    ['ec', { namedCurve: 'P-256' }, 'ES256'],
    ['ec', { namedCurve: 'P-384' }, 'ES384'],
    ['ed25519', {}, 'EdDSA'],
    ['rsa-pss', { modulusLength: 2048 }, 'PS256'],
  ] as const)('derives the algorithm of a %s key (%o): %s', async (type, options, alg) => {
    const { privateKey, publicKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
    const key = signingKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    expect(typeof key === 'string' ? key : key.alg).toBe(alg);
    const signer = new JwtSigner(new MemoryStoreFactory().open('keys'), key as Exclude<typeof key, string>);
    const now = Math.floor(Date.now() / 1000);
    const jwt = await signer.sign({ clientId: 'c', scope: ['READ'], jti: 'j', iat: now, exp: now + 60 }, 'http://issuer');
    await expect(jwtVerify(jwt, createLocalJWKSet(await signer.jwks()), { algorithms: [alg] })).resolves.toBeDefined();
    // The published key is the configured one: its own public key verifies too.
    if (type !== 'rsa-pss') await expect(jwtVerify(jwt, publicKey, { algorithms: [alg] })).resolves.toBeDefined();
    else {
      const [header, body, signature] = jwt.split('.');
      const pss = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
      expect(verify('sha256', Buffer.from(`${header}.${body}`), pss, Buffer.from(signature!, 'base64url'))).toBe(true);
    }
  });

  it('refuses at load a signingKey that is not a usable private key', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const loaded = await load({
      'flows/app.xml': provider('signingKey="keys/public.pem"'),
      'keys/public.pem': publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    });
    expect(loaded.app).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('signingKey keys/public.pem cannot sign access tokens'));
    expect(signingKeyFromPem(weak.export({ format: 'pem', type: 'pkcs8' }).toString())).toMatch(/2048/);
    const missing = await load({ 'flows/app.xml': provider('signingKey="keys/none.pem"') });
    expect(missing.app).toBeUndefined();
  });

  it('puts the resource owner in sub and their roles in roles', async () => {
    const store = new MemoryStoreFactory().open('tokens');
    const signer = new JwtSigner(store);
    const settings = {
      token: { ttlSeconds: 60, format: 'jwt', refresh: 'none', refreshTtlSeconds: 60 },
    } as unknown as ProviderSettings; // TokenService.issue reads only token settings
    const tokens = new TokenService(settings, store, signer);
    const { access_token } = await tokens.issue({ clientId: 'app', scope: ['READ'], username: 'ann', roles: ['admin'] }, 'http://issuer', { refresh: false });
    const { payload } = await jwtVerify(access_token, createLocalJWKSet(await signer.jwks()), { issuer: 'http://issuer', subject: 'ann' });
    expect(payload).toMatchObject({ client_id: 'app', roles: ['admin'], aud: 'http://issuer' });
    expect(await tokens.lookup(access_token)).toMatchObject({ username: 'ann' });
  });

  it('generates one key when signers race on a fresh store, and keeps it in the store', async () => {
    const store = new MemoryStoreFactory().open('tokens');
    const signers = [new JwtSigner(store), new JwtSigner(store), new JwtSigner(store)];
    const now = Math.floor(Date.now() / 1000);
    const jwts = await Promise.all(
      signers.flatMap((s) => [1, 2].map((i) => s.sign({ clientId: 'c', scope: [], jti: `j${i}`, iat: now, exp: now + 60 }, 'http://issuer'))),
    );
    expect(new Set(jwts.map((j) => decodeProtectedHeader(j).kid)).size).toBe(1);
    const stored = JSON.parse((await store.get(GENERATED_KEY))!) as JWK;
    expect(stored).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', d: expect.any(String) });
  });

  it('signs with the same generated key after a restart on the same stores', async () => {
    const stores = new MemoryStoreFactory();
    cleanup.push(() => stores.close());
    const dir = await appDir();
    const first = await run(dir, stores);
    const jwt = await token(first);
    const before = await jwksOf(first);
    await first.stop();

    const second = await run(dir, stores);
    expect(await jwksOf(second)).toEqual(before);
    await expect(jwtVerify(jwt, createRemoteJWKSet(new URL(url(second, '/jwks'))), { typ: 'at+jwt' })).resolves.toBeDefined();
    expect(decodeProtectedHeader(await token(second)).kid).toBe(before.keys[0]!.kid);
  });

  it('on Redis, two nodes started together sign with one key, which a restart keeps', async () => {
    const name = `jwt-redis-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([openStores('redis://127.0.0.1:6379'), openStores('redis://127.0.0.1:6379')]);
    cleanup.push(
      () => a.close(),
      () => b.close(),
      // The generated key has no expiry: leave no test key behind in the shared Redis.
      () => a.open(`${name}:oauth2:oauth:tokens`).delete(GENERATED_KEY),
    );
    const [nodeA, nodeB] = await Promise.all([run(await appDir({}, name), a), run(await appDir({}, name), b)]);
    const [fromA, fromB] = await Promise.all([token(nodeA), token(nodeB)]);
    expect(decodeProtectedHeader(fromA).kid).toBe(decodeProtectedHeader(fromB).kid);
    const jwks = createRemoteJWKSet(new URL(url(nodeA, '/jwks')));
    await expect(jwtVerify(fromB, jwks)).resolves.toBeDefined();
    await nodeA.stop();

    const restarted = await run(await appDir({}, name), a);
    expect(await jwksOf(restarted)).toEqual(await jwksOf(nodeB));
    await expect(jwtVerify(fromA, createRemoteJWKSet(new URL(url(restarted, '/jwks'))))).resolves.toBeDefined();
  });
});
