import * as client from 'openid-client';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/oauth2/password-hash.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

/*
 * An unmodified openid-client (v6, on oauth4webapi) against a flowrt app: discovery by RFC 8414
 * metadata, then each grant and endpoint as a real client application would call them.
 * `allowInsecureRequests` only lifts its https requirement: the tests run on loopback HTTP.
 */
const SECRET = 'svc-secret-0123456789abcdef';
const provider = (extra = '') =>
  mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" providerName="flowrt"
      supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ WRITE" defaultScopes="READ">
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="READ WRITE"/>
      <oauth2-provider:client clientId="other" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="READ"/>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="orders">
    <http:listener config-ref="listener" path="/api/orders">
      <http:error-response statusCode="401"><http:body>#[error.description]</http:body></http:error-response>
    </http:listener>
    <oauth2-provider:validate-token config-ref="oauth" scopes="WRITE"/>
  </flow>${extra}`);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const issuer = (a: TestApp) => new URL(a.url('').replace(/\/$/, ''));
const discover = (a: TestApp, auth: client.ClientAuth, id = 'svc') =>
  client.discovery(issuer(a), id, undefined, auth, { algorithm: 'oauth2', execute: [client.allowInsecureRequests] });

describe('openid-client against flowrt: client credentials', () => {
  it('discovers the server and gets a token with client_secret_basic', async () => {
    app = await start(provider());
    const config = await discover(app, client.ClientSecretBasic(SECRET));
    expect(config.serverMetadata().issuer).toBe(issuer(app).href.replace(/\/$/, ''));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'READ WRITE' });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(86400);
    expect(tokens.scope).toBe('READ WRITE');
    const res = await fetch(app.url('/api/orders'), { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(res.status).toBe(200);
  });

  it('gets a token with client_secret_post, with the default scope', async () => {
    app = await start(provider());
    const config = await discover(app, client.ClientSecretPost(SECRET));
    const tokens = await client.clientCredentialsGrant(config);
    expect(tokens.scope).toBe('READ');
  });

  it('introspects (RFC 7662) and revokes (RFC 7009) as the client', async () => {
    app = await start(provider());
    const config = await discover(app, client.ClientSecretBasic(SECRET));
    const { access_token } = await client.clientCredentialsGrant(config, { scope: 'WRITE' });
    const live = await client.tokenIntrospection(config, access_token);
    expect(live).toMatchObject({ active: true, client_id: 'svc', scope: 'WRITE', token_type: 'Bearer' });
    expect(typeof live.exp).toBe('number');

    // Another client may introspect but not revoke it.
    const other = await discover(app, client.ClientSecretBasic(SECRET), 'other');
    await client.tokenRevocation(other, access_token);
    expect((await client.tokenIntrospection(config, access_token)).active).toBe(true);

    await client.tokenRevocation(config, access_token);
    expect(await client.tokenIntrospection(config, access_token)).toEqual({ active: false });
    // Unknown tokens revoke fine (RFC 7009 §2.2) and introspect inactive.
    await client.tokenRevocation(config, 'no-such-token');
    expect(await client.tokenIntrospection(config, 'no-such-token')).toEqual({ active: false });
  });

  it('surfaces the RFC 6749 errors to the client: invalid_client, invalid_scope', async () => {
    app = await start(provider());
    const wrong = await discover(app, client.ClientSecretBasic('not-the-secret'));
    // A 401 with WWW-Authenticate reaches the client as the challenge it is (RFC 6749 §5.2).
    const refused = (await client.clientCredentialsGrant(wrong).catch((e: unknown) => e)) as { status: number; response: Response };
    expect(refused).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    expect(refused.status).toBe(401);
    expect(await refused.response.json()).toMatchObject({ error: 'invalid_client' });
    const config = await discover(app, client.ClientSecretBasic(SECRET), 'other');
    await expect(client.clientCredentialsGrant(config, { scope: 'WRITE' })).rejects.toMatchObject({ error: 'invalid_scope', status: 400 });
  });
});

/** A provider with resource owners and every grant, for the code, password and refresh flows. */
const USERS = async () => `users:\n  - username: ann\n    password: ${await hashPassword('ann-password', { N: 1024, r: 8, p: 1 })}\n    roles: [buyer]\n`;
const CALLBACK = 'https://portal.example/callback';
const fullProvider = (strategy: 'single-refresh-token' | 'multiple-refresh-tokens') =>
  mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" providerName="flowrt"
      supportedGrantTypes="AUTHORIZATION_CODE,RESOURCE_OWNER_PASSWORD_CREDENTIALS" scopes="READ WRITE" defaultScopes="READ"
      resourceOwnerSecurityProvider="users.yaml">
    <oauth2-provider:token-config>
      <oauth2-provider:refresh-token-strategy><oauth2-provider:${strategy}/></oauth2-provider:refresh-token-strategy>
    </oauth2-provider:token-config>
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="portal" type="PUBLIC" redirectUris="${CALLBACK}" authorizedGrantTypes="AUTHORIZATION_CODE" scopes="READ WRITE"/>
      <oauth2-provider:client clientId="web" secret="${SECRET}" redirectUris="${CALLBACK}" authorizedGrantTypes="AUTHORIZATION_CODE,RESOURCE_OWNER_PASSWORD_CREDENTIALS" scopes="READ WRITE"/>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="orders">
    <http:listener config-ref="listener" path="/api/orders"/>
    <oauth2-provider:validate-token config-ref="oauth" scopes="WRITE" resourceOwnerRoles="buyer"/>
  </flow>`);

/** What a browser does between the authorization URL and the callback: load the login page, sign in, follow nothing. */
async function signInAt(authorizationUrl: URL, username: string, password: string): Promise<URL> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  const html = await page.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  if (!requestId) throw new Error(`no login form:\n${html}`);
  const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? authorizationUrl.pathname, authorizationUrl);
  const posted = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, username, password }),
  });
  const location = posted.headers.get('location');
  if (!location) throw new Error(`no redirect after sign-in: ${posted.status}`);
  return new URL(location);
}

describe('openid-client against flowrt: authorization code with PKCE, refresh, password', () => {
  it('completes the code grant with PKCE S256 through the login page, for a public client', async () => {
    app = await start({ 'flows/app.xml': fullProvider('single-refresh-token'), 'users.yaml': await USERS() });
    const config = await discover(app, client.None(), 'portal');
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'READ WRITE',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await signInAt(url, 'ann', 'ann-password');
    expect(callback.origin + callback.pathname).toBe(CALLBACK);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens).toMatchObject({ token_type: 'bearer', scope: 'READ WRITE', expires_in: 86400 });
    expect(tokens.refresh_token).toBeTruthy();
    const orders = await fetch(app.url('/api/orders'), { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await orders.json()).toMatchObject({ client_id: 'portal', username: 'ann', scope: 'READ WRITE' });

    // single-refresh-token: the same refresh token again and again, a new access token each time.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toBe(tokens.refresh_token);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await client.refreshTokenGrant(config, tokens.refresh_token!)).access_token).toBeTruthy();
  });

  it('rotates refresh tokens with multiple-refresh-tokens and revokes the grant on reuse', async () => {
    app = await start({ 'flows/app.xml': fullProvider('multiple-refresh-tokens'), 'users.yaml': await USERS() });
    const config = await discover(app, client.ClientSecretBasic(SECRET), 'web');
    const tokens = await client.genericGrantRequest(config, 'password', { username: 'ann', password: 'ann-password', scope: 'READ WRITE' });
    const second = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The reuse revoked every token of the grant, the new ones included.
    expect(await client.tokenIntrospection(config, second.access_token)).toEqual({ active: false });
    await expect(client.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong verifier, a replayed code (revoking what it gave) and a wrong password', async () => {
    app = await start({ 'flows/app.xml': fullProvider('single-refresh-token'), 'users.yaml': await USERS() });
    const config = await discover(app, client.ClientSecretPost(SECRET), 'web');
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'READ',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await signInAt(url, 'ann', 'ann-password');
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: client.randomPKCECodeVerifier() })).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    const fresh = await signInAt(url, 'ann', 'ann-password');
    const tokens = await client.authorizationCodeGrant(config, fresh, { pkceCodeVerifier: verifier });
    await expect(client.authorizationCodeGrant(config, fresh, { pkceCodeVerifier: verifier })).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await client.tokenIntrospection(config, tokens.access_token)).toEqual({ active: false });

    await expect(client.genericGrantRequest(config, 'password', { username: 'ann', password: 'wrong' })).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('openid-client against flowrt: dynamic client registration (RFC 7591)', () => {
  it('registers a client with the initial access token, which then gets a token', async () => {
    app = await start(
      mule(`
      <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ"
          registrationAccessToken="initial-access-token-0123456789">
      </oauth2-provider:config>`),
    );
    const config = await client.dynamicClientRegistration(
      issuer(app),
      { client_name: 'registered by openid-client', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'READ' },
      undefined,
      { algorithm: 'oauth2', execute: [client.allowInsecureRequests], initialAccessToken: 'initial-access-token-0123456789' },
    );
    const metadata = config.clientMetadata();
    expect(metadata.client_id).toBeTruthy();
    expect(metadata.client_secret).toBeTruthy();
    const tokens = await client.clientCredentialsGrant(config, { scope: 'READ' });
    expect(tokens.scope).toBe('READ');
    expect((await client.tokenIntrospection(config, tokens.access_token)).client_id).toBe(metadata.client_id);

    await expect(
      client.dynamicClientRegistration(issuer(app), { grant_types: ['client_credentials'] }, undefined, {
        algorithm: 'oauth2',
        execute: [client.allowInsecureRequests],
        initialAccessToken: 'wrong-token',
      }),
    ).rejects.toBeInstanceOf(client.WWWAuthenticateChallengeError);
  });
});
