import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { load, mule, start } from '../helpers/app.js';

const INITIAL = 'initial-access-token-0123456789';
const provider = (extra = `registrationAccessToken="${INITIAL}"`) =>
  mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS AUTHORIZATION_CODE"
      scopes="READ WRITE" defaultScopes="READ" resourceOwnerSecurityProvider="sign-in" ${extra}/>
  <flow name="sign-in"><set-payload value="false"/></flow>
  <flow name="delete"><http:listener config-ref="listener" path="/delete"/><oauth2-provider:delete-client config-ref="oauth" clientId="#[attributes.queryParams.id]"/></flow>`);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const register = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${INITIAL}` }) =>
  fetch(app!.url('/register'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const tokenRequest = (body: string, headers: Record<string, string> = {}) =>
  fetch(app!.url('/token'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('oauth2-provider dynamic client registration (RFC 7591)', () => {
  it('needs the initial access token: none is a bare Bearer challenge, a wrong one invalid_token', async () => {
    app = await start(provider());
    const without = await register({ grant_types: ['client_credentials'] }, {});
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(without.headers.get('www-authenticate')).not.toContain('error=');
    for (const authorization of [`Bearer ${INITIAL}x`, 'Bearer ', `Basic ${INITIAL}`, `Bearer ${INITIAL.slice(1)}`]) {
      const wrong = await register({ grant_types: ['client_credentials'] }, { authorization });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(await wrong.json()).toMatchObject({ error: 'invalid_token' });
    }
  });

  it('registers a confidential client that then gets a client_credentials token', async () => {
    app = await start(provider());
    const res = await register({ grant_types: ['client_credentials'], client_name: 'Batch', scope: 'READ WRITE', logo_uri: 'https://example.com/logo.png' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const client = (await res.json()) as Record<string, unknown>;
    expect(client).toMatchObject({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      client_secret_expires_at: 0,
      client_id_issued_at: expect.any(Number),
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      client_name: 'Batch',
      scope: 'READ WRITE',
    });
    expect(client.logo_uri).toBeUndefined();
    expect(Math.abs((client.client_id_issued_at as number) - Date.now() / 1000)).toBeLessThan(5);

    const token = await tokenRequest('grant_type=client_credentials&scope=WRITE', {
      authorization: basic(client.client_id as string, client.client_secret as string),
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ token_type: 'Bearer', scope: 'WRITE' });
    const wrong = await tokenRequest('grant_type=client_credentials', { authorization: basic(client.client_id as string, 'not-the-secret') });
    expect(wrong.status).toBe(401);

    const other = (await (await register({ grant_types: ['client_credentials'] })).json()) as Record<string, unknown>;
    expect(other.client_id).not.toBe(client.client_id);
    expect(other.client_secret).not.toBe(client.client_secret);
  });

  it('registers a public client with token_endpoint_auth_method none: no secret, and none accepted', async () => {
    app = await start(provider());
    const res = await register({ redirect_uris: ['https://app.example.com/callback', 'http://127.0.0.1:8765/cb'], token_endpoint_auth_method: 'none' });
    expect(res.status).toBe(201);
    const client = (await res.json()) as Record<string, unknown>;
    expect(client).toMatchObject({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      redirect_uris: ['https://app.example.com/callback', 'http://127.0.0.1:8765/cb'],
    });
    expect(client).not.toHaveProperty('client_secret');
    expect(client).not.toHaveProperty('client_secret_expires_at');
    // Authenticated by its client_id alone, it reaches the grant (which refuses the made-up code).
    const id = encodeURIComponent(client.client_id as string);
    const code = await tokenRequest(
      `grant_type=authorization_code&code=made-up&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&code_verifier=${'v'.repeat(43)}&client_id=${id}`,
    );
    expect(await code.json()).toMatchObject({ error: 'invalid_grant' });
    const withSecret = await tokenRequest(`grant_type=authorization_code&code=made-up&client_id=${id}&client_secret=guess`);
    expect(await withSecret.json()).toMatchObject({ error: 'invalid_client' });
  });

  it.each<[string, string, unknown, Record<string, string>?]>([
    [
      'a body that is not application/json',
      'invalid_client_metadata',
      'grant_types=client_credentials',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['a body that is not JSON', 'invalid_client_metadata', '{"grant_types":'],
    ['a JSON array', 'invalid_client_metadata', '[]'],
    ['grant_types that is not an array', 'invalid_client_metadata', { grant_types: 'client_credentials' }],
    ['a grant the provider does not support', 'invalid_client_metadata', { grant_types: ['password'] }],
    ['the implicit grant', 'invalid_client_metadata', { grant_types: ['implicit'], response_types: ['token'], redirect_uris: ['https://a.example/cb'] }],
    ['response type token', 'invalid_client_metadata', { response_types: ['token'], redirect_uris: ['https://a.example/cb'] }],
    ['response type code without the code grant', 'invalid_client_metadata', { grant_types: ['client_credentials'], response_types: ['code'] }],
    [
      'an unknown token_endpoint_auth_method',
      'invalid_client_metadata',
      { grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt' },
    ],
    ['a public client with client_credentials', 'invalid_client_metadata', { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' }],
    ['a client_name that is not a string', 'invalid_client_metadata', { grant_types: ['client_credentials'], client_name: 42 }],
    ['a scope the provider does not have', 'invalid_client_metadata', { grant_types: ['client_credentials'], scope: 'READ ADMIN' }],
    ['a malformed scope', 'invalid_client_metadata', { grant_types: ['client_credentials'], scope: 'READ "WRITE"' }],
    ['the code grant without redirect_uris', 'invalid_redirect_uri', { grant_types: ['authorization_code'] }],
    ['a relative redirect URI', 'invalid_redirect_uri', { redirect_uris: ['/callback'] }],
    ['a redirect URI with a fragment', 'invalid_redirect_uri', { redirect_uris: ['https://a.example/cb#frag'] }],
    ['redirect_uris that is not an array of strings', 'invalid_redirect_uri', { redirect_uris: [42] }],
  ])('refuses %s: 400 %s', async (_what, error, body, headers = {}) => {
    app = await start(provider());
    const res = await register(body, { authorization: `Bearer ${INITIAL}`, ...headers });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error, error_description: expect.any(String) });
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)', /javascript: scheme/],
    ['data:', 'data:text/html,<script>alert(1)</script>', /data: scheme/],
    ['vbscript:', 'vbscript:msgbox(1)', /vbscript: scheme/],
    ['file:', 'file:///etc/passwd', /file: scheme/],
    ['blob:', 'blob:https://a.example/0b1c', /blob: scheme/],
    ['about:', 'about:blank', /about: scheme/],
    ['a custom scheme without a period', 'myapp:/callback', /reverse domain/],
    ['http on a host that is not loopback', 'http://app.example/cb', /only for a native app's loopback redirect/],
    ['http on a loopback-looking name', 'http://127.0.0.1.evil.example/cb', /only for a native app's loopback redirect/],
    ['user information', 'https://app.example@evil.example/cb', /user information/],
    ['an empty user information', 'https://@evil.example/cb', /user information/],
    ['a newline', 'https://a.example/c\nb', /control/],
    ['more than 2,000 characters', `https://a.example/${'p'.repeat(2_000)}`, /longer than 2000 characters/],
  ])('refuses a redirect URI with %s: 400 invalid_redirect_uri', async (_what, uri, message) => {
    app = await start(provider());
    const res = await register({ redirect_uris: ['https://fine.example/cb', uri], token_endpoint_auth_method: 'none' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_redirect_uri');
    expect(body.error_description).toMatch(message);
  });

  it('accepts https, loopback http on any address form, and private-use schemes of native apps', async () => {
    app = await start(provider());
    const uris = [
      'https://app.example.com/cb?x=1',
      'http://127.0.0.1:8765/cb',
      'http://[::1]:8765/cb',
      'http://localhost:3000/callback',
      'com.example.app:/oauth2redirect',
      'com.example.app://callback',
    ];
    const res = await register({ redirect_uris: uris, token_endpoint_auth_method: 'none' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ redirect_uris: uris });
  });

  it('refuses a body over 16 KiB with 413 before reading it', async () => {
    app = await start(provider());
    const res = await register({ grant_types: ['client_credentials'], client_name: 'n', padding: 'p'.repeat(16 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    [
      'more than 20 redirect URIs',
      'invalid_redirect_uri',
      { redirect_uris: Array.from({ length: 21 }, (_, i) => `https://a.example/cb${i}`) },
      /redirect_uris has 21 entries: at most 20/,
    ],
    [
      'more than 20 grant types',
      'invalid_client_metadata',
      { grant_types: Array.from({ length: 21 }, () => 'client_credentials') },
      /grant_types has 21 entries/,
    ],
    [
      'a client_name over 200 characters',
      'invalid_client_metadata',
      { grant_types: ['client_credentials'], client_name: 'n'.repeat(201) },
      /client_name is longer than 200 characters/,
    ],
    [
      'a scope over 2,000 characters',
      'invalid_client_metadata',
      { grant_types: ['client_credentials'], scope: Array(500).fill('READ').join(' ') },
      /scope is longer than 2000 characters/,
    ],
  ])('refuses %s: 400 %s', async (_what, error, body, message) => {
    app = await start(provider());
    const res = await register(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; error_description: string };
    expect(answer.error).toBe(error);
    expect(answer.error_description).toMatch(message);
  });

  it('holds at most maxRegisteredClients: then 403 access_denied, until one is deleted', async () => {
    app = await start(provider(`registrationAccessToken="${INITIAL}" maxRegisteredClients="2"`));
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await register({ grant_types: ['client_credentials'] });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { client_id: string }).client_id);
    }
    const full = await register({ grant_types: ['client_credentials'] });
    expect(full.status).toBe(403);
    expect(await full.json()).toEqual({
      error: 'access_denied',
      error_description: 'registration is closed: this provider holds its maximum of 2 registered clients',
    });
    expect((await fetch(app.url(`/delete?id=${ids[0]}`))).status).toBe(200);
    expect((await register({ grant_types: ['client_credentials'] })).status).toBe(201);
    expect((await register({ grant_types: ['client_credentials'] })).status).toBe(403);
  });

  it('accepts registrationsPerMinute, then 429 with Retry-After, bad requests counted too', async () => {
    app = await start(provider(`registrationAccessToken="${INITIAL}" registrationsPerMinute="3"`));
    expect((await register({ grant_types: ['client_credentials'] })).status).toBe(201);
    expect((await register({ grant_types: ['password'] })).status).toBe(400);
    expect((await register({ grant_types: ['client_credentials'] })).status).toBe(201);
    const limited = await register({ grant_types: ['client_credentials'] });
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: 'temporarily_unavailable', error_description: expect.stringContaining('3 a minute') });
    // Without the initial access token nothing is counted: a stranger cannot use up the allowance.
    expect((await register({ grant_types: ['client_credentials'] }, {})).status).toBe(401);
  });

  it('refuses at load a maxRegisteredClients or registrationsPerMinute below 1', async () => {
    for (const attr of ['maxRegisteredClients="0"', 'registrationsPerMinute="-1"']) {
      const loaded = await load({ 'flows/app.xml': provider(`registrationAccessToken="${INITIAL}" ${attr}`) });
      expect(loaded.app).toBeUndefined();
      expect(loaded.diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/must be at least 1/));
    }
  });

  it('is off without a registrationAccessToken, and metadata names it only when on', async () => {
    app = await start(provider(''));
    expect((await register({ grant_types: ['client_credentials'] })).status).toBe(404);
    const off = (await (await fetch(app.url('/.well-known/oauth-authorization-server'))).json()) as Record<string, unknown>;
    expect(off.registration_endpoint).toBeUndefined();
    await app.stop();
    app = await start(provider());
    const on = (await (await fetch(app.url('/.well-known/oauth-authorization-server'))).json()) as Record<string, unknown>;
    expect(on.registration_endpoint).toBe(app.url('/register'));
  });
});
