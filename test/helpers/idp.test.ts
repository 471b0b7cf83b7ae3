import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { DEFAULT_INITIAL_ACCESS_TOKEN, DEFAULT_RESOURCE, GATEWAY_CLIENT, ORDERS_CLIENT, startIdp } from './idp.js';
import type { Idp } from './idp.js';

/** The root cause code of a failed fetch (undici wraps it: TypeError('fetch failed', { cause })). */
async function fetchErrorCode(url: string): Promise<string | undefined> {
  try {
    await fetch(url);
  } catch (err) {
    let e: unknown = err;
    while (e instanceof Error) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code) return code;
      e = e.cause;
    }
    return 'unknown';
  }
  return undefined;
}

describe('test IdP (oidc-provider)', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await startIdp();
  });
  afterAll(async () => {
    await idp?.stop();
  });

  it('serves discovery with the endpoints flowrt needs', async () => {
    expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}`);
    expect(idp.discoveryUrl).toBe(`${idp.issuer}/.well-known/openid-configuration`);
    const res = await fetch(idp.discoveryUrl);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(idp.issuer);
    for (const key of ['token_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'registration_endpoint', 'jwks_uri']) {
      expect(doc[key], key).toMatch(new RegExp(`^${idp.issuer}/`));
    }
    expect(doc.grant_types_supported).toContain('client_credentials');
    const jwks = (await (await fetch(doc.jwks_uri as string)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: idp.jwks.keys[0]!.kid });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('issues an opaque token without resource, introspectable by api-gateway with scope and client_id', async () => {
    const tok = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read' });
    expect(tok.token_type).toBe('Bearer');
    expect(tok.scope).toBe('orders:read');
    expect(tok.expires_in).toBeGreaterThan(590);
    expect(tok.access_token.split('.')).toHaveLength(1);

    // Raw RFC 7662 request as flowrt would send it.
    const doc = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, string>;
    const res = await fetch(doc.introspection_endpoint!, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${GATEWAY_CLIENT.id}:${GATEWAY_CLIENT.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: tok.access_token }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ active: true, scope: 'orders:read', client_id: 'orders-app', iss: idp.issuer, token_type: 'Bearer' });
    expect(typeof body.exp).toBe('number');

    const both = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read orders:write' });
    expect(await idp.introspect(both.access_token)).toMatchObject({ active: true, scope: 'orders:read orders:write' });
  });

  it('rejects bad credentials and scopes the client is not registered for', async () => {
    await expect(idp.token(ORDERS_CLIENT.id, 'wrong-secret')).rejects.toThrow(/401.*invalid_client/);
    const other = await startIdp({
      clients: [
        {
          client_id: 'reader',
          client_secret: 'reader-secret-0123456789',
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          scope: 'orders:read',
        },
      ],
    });
    try {
      await expect(other.token('reader', 'reader-secret-0123456789', { scope: 'orders:write' })).rejects.toThrow(/invalid_scope/);
      expect((await other.token('reader', 'reader-secret-0123456789', { scope: 'orders:read' })).scope).toBe('orders:read');
    } finally {
      await other.stop();
    }
  });

  it('issues a JWT access token for the resource, verifiable against jwks_uri with aud = resource', async () => {
    const tok = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read orders:write', resource: DEFAULT_RESOURCE });
    expect(tok.scope).toBe('orders:read orders:write');
    const doc = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, string>;
    const jwks = createRemoteJWKSet(new URL(doc.jwks_uri!));
    const { payload, protectedHeader } = await jwtVerify(tok.access_token, jwks, { issuer: idp.issuer, audience: DEFAULT_RESOURCE });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: idp.jwks.keys[0]!.kid });
    expect(payload).toMatchObject({ aud: DEFAULT_RESOURCE, client_id: 'orders-app', scope: 'orders:read orders:write' });
    expect(payload.exp! - payload.iat!).toBe(600);

    // Structured tokens are not introspectable in oidc-provider.
    await expect(idp.introspect(tok.access_token)).rejects.toThrow(/unsupported_token_type/);
    // An unknown resource is refused.
    await expect(idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { resource: 'https://other.test' })).rejects.toThrow(/invalid_target/);
  });

  it('revocation makes introspection inactive', async () => {
    const tok = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read' });
    expect((await idp.introspect(tok.access_token)).active).toBe(true);
    await idp.revoke(tok.access_token, ORDERS_CLIENT.id, ORDERS_CLIENT.secret);
    expect(await idp.introspect(tok.access_token)).toEqual({ active: false });
  });

  it('dynamic registration with the initial access token creates a client that can get a token', async () => {
    const doc = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, string>;
    const metadata = {
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: 'orders:read',
      token_endpoint_auth_method: 'client_secret_basic',
    };
    const denied = await fetch(doc.registration_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: JSON.stringify(metadata),
    });
    expect(denied.status).toBe(401);

    const res = await fetch(doc.registration_endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEFAULT_INITIAL_ACCESS_TOKEN}` },
      body: JSON.stringify(metadata),
    });
    expect(res.status).toBe(201);
    const client = (await res.json()) as { client_id: string; client_secret: string };
    expect(client.client_id).toBeTruthy();
    expect(client.client_secret).toBeTruthy();

    const tok = await idp.token(client.client_id, client.client_secret, { scope: 'orders:read' });
    expect(await idp.introspect(tok.access_token)).toMatchObject({ active: true, client_id: client.client_id, scope: 'orders:read' });
    const jwt = await idp.token(client.client_id, client.client_secret, { scope: 'orders:read', resource: DEFAULT_RESOURCE });
    expect(decodeJwt(jwt.access_token)).toMatchObject({ aud: DEFAULT_RESOURCE, client_id: client.client_id, scope: 'orders:read' });
  });

  it('pause → ECONNREFUSED (state kept); resume → same port again', async () => {
    const tok = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read' });
    // Leave a keep-alive connection open: pause must drop it too.
    expect((await fetch(idp.discoveryUrl)).status).toBe(200);

    await idp.pause();
    expect(await fetchErrorCode(idp.discoveryUrl)).toBe('ECONNREFUSED');
    await expect(idp.introspect(tok.access_token)).rejects.toThrow();
    await idp.pause(); // idempotent

    await idp.resume();
    const res = await fetch(idp.discoveryUrl);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { issuer: string }).issuer).toBe(`http://127.0.0.1:${idp.port}`);
    // Same provider state: the token issued before the outage is still active.
    expect(await idp.introspect(tok.access_token)).toMatchObject({ active: true, client_id: 'orders-app' });
  });
});

describe('test IdP options', () => {
  it('honours a short access-token ttl for both token kinds', async () => {
    const idp = await startIdp({ accessTokenTtlSeconds: 2 });
    try {
      const opaque = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read' });
      expect(opaque.expires_in).toBe(2);
      const jwt = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read', resource: DEFAULT_RESOURCE });
      expect(jwt.expires_in).toBe(2);
      const claims = decodeJwt(jwt.access_token);
      expect(claims.exp! - claims.iat!).toBe(2);

      expect((await idp.introspect(opaque.access_token)).active).toBe(true);
      await new Promise((r) => setTimeout(r, 2_100));
      expect(await idp.introspect(opaque.access_token)).toEqual({ active: false });
    } finally {
      await idp.stop();
    }
  });

  it('honours a custom resource and initial access token', async () => {
    const idp = await startIdp({ resource: 'https://custom.test/api', initialAccessToken: 'iat-123' });
    try {
      const jwt = await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:write', resource: 'https://custom.test/api' });
      expect(decodeJwt(jwt.access_token).aud).toBe('https://custom.test/api');
      const doc = (await (await fetch(idp.discoveryUrl)).json()) as Record<string, string>;
      const res = await fetch(doc.registration_endpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer iat-123' },
        body: JSON.stringify({ grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }),
      });
      expect(res.status).toBe(201);
    } finally {
      await idp.stop();
    }
  });
});
