import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

const PROVIDER = `
  <oauth2-provider:config name="oauth" listenerConfig="listener" providerName="flowrt"
      supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ WRITE" defaultScopes="READ">
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="svc" secret="svc-secret-0123456789" clientName="Service" authorizedGrantTypes="CLIENT_CREDENTIALS">
        <oauth2-provider:client-scopes><oauth2-provider:client-scope value="READ"/><oauth2-provider:client-scope value="WRITE"/></oauth2-provider:client-scopes>
      </oauth2-provider:client>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="protected">
    <http:listener config-ref="listener" path="/api/orders">
      <http:error-response statusCode="401"><http:body>#[error.description]</http:body></http:error-response>
    </http:listener>
    <oauth2-provider:validate-token config-ref="oauth" scopes="WRITE"/>
  </flow>`;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('oauth2-provider: client credentials, introspection, revocation, validate-token', () => {
  it('issues a token that validate-token accepts with the scope and refuses without', async () => {
    app = await start(mule(PROVIDER));
    const token = await fetch(app.url('/token'), {
      method: 'POST',
      headers: { authorization: basic('svc', 'svc-secret-0123456789'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=READ%20WRITE',
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    const body = (await token.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: 'READ WRITE' });
    const ok = await fetch(app.url('/api/orders'), { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ client_id: 'svc', scope: 'READ WRITE', username: null });

    const readOnly = (await (
      await fetch(app.url('/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=svc&client_secret=svc-secret-0123456789',
      })
    ).json()) as { access_token: string; scope: string };
    expect(readOnly.scope).toBe('READ');
    const refused = await fetch(app.url('/api/orders'), { headers: { authorization: `Bearer ${readOnly.access_token}` } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('the access token lacks scope WRITE');

    const introspected = await fetch(app.url('/introspect'), {
      method: 'POST',
      headers: { authorization: basic('svc', 'svc-secret-0123456789'), 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${body.access_token}`,
    });
    expect(await introspected.json()).toMatchObject({ active: true, client_id: 'svc', scope: 'READ WRITE' });
    const revoked = await fetch(app.url('/revoke'), {
      method: 'POST',
      headers: { authorization: basic('svc', 'svc-secret-0123456789'), 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${body.access_token}`,
    });
    expect(revoked.status).toBe(200);
    const after = await fetch(app.url('/introspect'), {
      method: 'POST',
      headers: { authorization: basic('svc', 'svc-secret-0123456789'), 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${body.access_token}`,
    });
    expect(await after.json()).toEqual({ active: false });
    expect((await fetch(app.url('/api/orders'), { headers: { authorization: `Bearer ${body.access_token}` } })).status).toBe(401);

    const meta = (await (await fetch(app.url('/.well-known/oauth-authorization-server'))).json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(app.url('').replace(/\/$/, ''));
    expect(meta.token_endpoint).toBe(app.url('/token'));
  });

  it('answers RFC 6749 errors: invalid_client with a Basic challenge, unsupported_grant_type, invalid_scope', async () => {
    app = await start(mule(PROVIDER));
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(app!.url('/token'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    const wrong = await post('grant_type=client_credentials', { authorization: basic('svc', 'nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect(await (await post('grant_type=password&username=a&password=b', { authorization: basic('svc', 'svc-secret-0123456789') })).json()).toMatchObject({
      error: 'unsupported_grant_type',
    });
    expect(await (await post('grant_type=client_credentials&scope=ADMIN', { authorization: basic('svc', 'svc-secret-0123456789') })).json()).toMatchObject({
      error: 'invalid_scope',
    });
    expect(
      await (await post('grant_type=client_credentials&scope=READ&scope=WRITE', { authorization: basic('svc', 'svc-secret-0123456789') })).json(),
    ).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a client after 5 failures within the period, even with the right secret', async () => {
    app = await start(mule(PROVIDER));
    const post = (secret: string) =>
      fetch(app!.url('/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('svc', secret) },
        body: 'grant_type=client_credentials',
      });
    for (let i = 0; i < 5; i++) expect((await post('wrong')).status).toBe(401);
    const locked = await post('svc-secret-0123456789');
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('too many') });
  });
});
