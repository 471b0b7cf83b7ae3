import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { load, mule, start } from '../helpers/app.js';

const FIXED_SECRET = 'fixed-secret-0123456789abcdef';
const handlers = (...types: string[]) =>
  `<error-handler>${types.map((t) => `<on-error-continue type="OAUTH2-PROVIDER:${t}"><set-payload value="#['${t}: ' &amp; error.description]"/></on-error-continue>`).join('')}</error-handler>`;
const create = (failIfPresent: boolean, type = 'CONFIDENTIAL') => `
    <oauth2-provider:create-client config-ref="oauth" clientId="#[payload.clientId]" type="${type}" secret="#[payload.secret]"
        clientName="#[payload.clientName]" description="made by a flow" principal="#[payload.principal]" redirectUris="#[payload.redirectUris]"
        authorizedGrantTypes="#[payload.grants]" scopes="#[payload.scopes]" failIfPresent="${failIfPresent}"/>`;

const APP = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS RESOURCE_OWNER_PASSWORD_CREDENTIALS"
      scopes="READ WRITE" defaultScopes="READ" resourceOwnerSecurityProvider="sign-in">
    <oauth2-provider:token-config><oauth2-provider:refresh-token-strategy><oauth2-provider:single-refresh-token/></oauth2-provider:refresh-token-strategy></oauth2-provider:token-config>
    <oauth2-provider:clients><oauth2-provider:client clientId="fixed" secret="${FIXED_SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
  </oauth2-provider:config>
  <flow name="sign-in"><set-payload value="#[payload.password = 'right']"/></flow>
  <flow name="create"><http:listener config-ref="listener" path="/clients/create"/>${create(true)}${handlers('CLIENT_ALREADY_EXISTS', 'INVALID_CONFIGURATION')}</flow>
  <flow name="upsert"><http:listener config-ref="listener" path="/clients/upsert"/>${create(false)}${handlers('INVALID_CONFIGURATION')}</flow>
  <flow name="create-public"><http:listener config-ref="listener" path="/clients/create-public"/>${create(true, 'PUBLIC')}${handlers('INVALID_CONFIGURATION')}</flow>
  <flow name="delete">
    <http:listener config-ref="listener" path="/clients/delete"/>
    <oauth2-provider:delete-client config-ref="oauth" clientId="#[payload.clientId]"/>
    ${handlers('NO_SUCH_CLIENT', 'INVALID_CONFIGURATION')}
  </flow>
  <flow name="revoke">
    <http:listener config-ref="listener" path="/tokens/revoke"/>
    <oauth2-provider:revoke-token config-ref="oauth" token="#[payload.token]"/>
  </flow>`);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const call = async (path: string, body: unknown) => {
  const res = await fetch(app!.url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.text();
};
const form = (body: string, id: string, secret: string) =>
  fetch(app!.url('/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` },
    body,
  });
const introspectAt = (token: string) =>
  fetch(app!.url('/introspect'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`fixed:${FIXED_SECRET}`).toString('base64')}` },
    body: `token=${encodeURIComponent(token)}`,
  }).then(async (r) => (await r.json()) as { active: boolean });
const SVC = { clientId: 'svc', secret: 'svc-secret-0123456789', clientName: 'Service', grants: ['CLIENT_CREDENTIALS'], scopes: 'READ WRITE' };

describe('oauth2-provider:create-client', () => {
  it('creates a client that gets tokens, leaving the payload as it was', async () => {
    app = await start(APP);
    const request = { ...SVC, principal: 'team-a', redirectUris: ['https://svc.example.com/cb'] };
    expect(JSON.parse(await call('/clients/create', request))).toEqual(request);
    const token = await form('grant_type=client_credentials&scope=WRITE', 'svc', SVC.secret);
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ scope: 'WRITE' });
    expect((await form('grant_type=client_credentials', 'svc', 'wrong')).status).toBe(401);
  });

  it('reads lists written as strings, Mule grant names and RFC ones alike', async () => {
    app = await start(APP);
    await call('/clients/create', {
      clientId: 'both',
      secret: 'both-secret-0123456789',
      grants: 'client_credentials, RESOURCE_OWNER_PASSWORD_CREDENTIALS',
      scopes: ['READ'],
    });
    expect((await form('grant_type=client_credentials', 'both', 'both-secret-0123456789')).status).toBe(200);
    const password = await form('grant_type=password&username=ann&password=right', 'both', 'both-secret-0123456789');
    expect(await password.json()).toMatchObject({ scope: 'READ', refresh_token: expect.any(String) });
    expect(await (await form('grant_type=client_credentials&scope=WRITE', 'both', 'both-secret-0123456789')).json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('raises CLIENT_ALREADY_EXISTS with failIfPresent, and replaces the client without it', async () => {
    app = await start(APP);
    await call('/clients/create', SVC);
    expect(await call('/clients/create', { ...SVC, secret: 'other-secret-0123456789' })).toMatch(/^CLIENT_ALREADY_EXISTS: client svc already exists/);
    expect((await form('grant_type=client_credentials', 'svc', SVC.secret)).status).toBe(200);

    await call('/clients/upsert', { ...SVC, secret: 'new-secret-0123456789' });
    expect((await form('grant_type=client_credentials', 'svc', 'new-secret-0123456789')).status).toBe(200);
    expect((await form('grant_type=client_credentials', 'svc', SVC.secret)).status).toBe(401);
  });

  it.each([
    ['a confidential client without a secret', '/clients/create', { ...SVC, secret: undefined }, /needs a secret/],
    ['a public client with a secret', '/clients/create-public', SVC, /PUBLIC and cannot have a secret/],
    ['an unknown grant', '/clients/create', { ...SVC, grants: ['CLIENT_CREDENTIALS', 'TELEPATHY'] }, /"TELEPATHY" is not a grant type/],
    ['the implicit grant', '/clients/create', { ...SVC, grants: ['IMPLICIT'] }, /IMPLICIT grant is not supported/],
    ['a scope the provider does not have', '/clients/create', { ...SVC, scopes: ['READ', 'ADMIN'] }, /scope "ADMIN"/],
    ['a relative redirect URI', '/clients/create', { ...SVC, redirectUris: ['/cb'] }, /not an absolute URI/],
    ['a redirect URI with a fragment', '/clients/create', { ...SVC, redirectUris: 'https://a.example/cb#x' }, /fragment/],
    ['a javascript: redirect URI', '/clients/create', { ...SVC, redirectUris: ['javascript:alert(1)'] }, /javascript: scheme/],
    [
      'an http redirect URI that is not loopback',
      '/clients/create',
      { ...SVC, redirectUris: ['http://app.example/cb'] },
      /only for a native app's loopback redirect/,
    ],
    ['a client id longer than 256 characters', '/clients/create', { ...SVC, clientId: 'c'.repeat(257) }, /clientId is longer than 256 characters/],
    ['the id of a configured client', '/clients/upsert', { ...SVC, clientId: 'fixed' }, /configured/],
    ['no client id', '/clients/create', { ...SVC, clientId: '' }, /clientId is empty/],
  ])('raises INVALID_CONFIGURATION for %s', async (_what, path, body, message) => {
    app = await start(APP);
    expect(await call(path, body)).toMatch(new RegExp(`^INVALID_CONFIGURATION: .*${message.source}`));
    expect((await form('grant_type=client_credentials', 'svc', SVC.secret)).status).toBe(401);
  });

  it('takes type and failIfPresent from expressions, as Mule operation parameters', async () => {
    app = await start(
      APP.replace(
        '<flow name="create">',
        `<flow name="dynamic"><http:listener config-ref="listener" path="/clients/dynamic"/>
      <oauth2-provider:create-client config-ref="oauth" clientId="#[payload.clientId]" type="#[payload.type]" secret="#[payload.secret]"
          redirectUris="#[payload.redirectUris]" authorizedGrantTypes="#[payload.grants]" scopes="#[payload.scopes]" failIfPresent="#[payload.exclusive]"/>
      ${handlers('CLIENT_ALREADY_EXISTS', 'INVALID_CONFIGURATION')}</flow>
    <flow name="create">`,
      ),
    );
    const pub = { clientId: 'spa', type: 'PUBLIC', grants: ['AUTHORIZATION_CODE'], redirectUris: ['https://spa.example/cb'], scopes: 'READ', exclusive: true };
    await call('/clients/dynamic', pub);
    expect(await call('/clients/dynamic', pub)).toMatch(/^CLIENT_ALREADY_EXISTS: client spa already exists/);
    expect(await call('/clients/dynamic', { ...pub, exclusive: false, secret: 'x' })).toMatch(
      /^INVALID_CONFIGURATION: client spa is PUBLIC and cannot have a secret/,
    );
    expect(JSON.parse(await call('/clients/dynamic', { ...SVC, type: 'CONFIDENTIAL', exclusive: false }))).toMatchObject({ clientId: 'svc' });
    expect((await form('grant_type=client_credentials', 'svc', SVC.secret)).status).toBe(200);
    const unknownType = await fetch(app.url('/clients/dynamic'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SVC, type: 'SECRET' }),
    });
    expect(`${unknownType.status} ${await unknownType.text()}`).toBe('500 type "SECRET" is not one of CONFIDENTIAL, PUBLIC');
  });

  it('refuses at load an unknown type and a config-ref that is no provider', async () => {
    const bad = await load({
      'flows/app.xml': APP.replace('type="PUBLIC"', 'type="SECRET"').replace(
        '<oauth2-provider:revoke-token config-ref="oauth"',
        '<oauth2-provider:revoke-token config-ref="nope"',
      ),
    });
    expect(bad.app).toBeUndefined();
    const messages = bad.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('SECRET');
    expect(messages).toContain('nope');
  });
});

describe('oauth2-provider:delete-client', () => {
  it('deletes a created client, which then cannot authenticate', async () => {
    app = await start(APP);
    await call('/clients/create', SVC);
    expect(JSON.parse(await call('/clients/delete', { clientId: 'svc' }))).toEqual({ clientId: 'svc' });
    expect((await form('grant_type=client_credentials', 'svc', SVC.secret)).status).toBe(401);
    expect(await call('/clients/delete', { clientId: 'svc' })).toBe('NO_SUCH_CLIENT: oauth has no client svc');
  });

  it('raises NO_SUCH_CLIENT for an unknown client and INVALID_CONFIGURATION for a configured one', async () => {
    app = await start(APP);
    expect(await call('/clients/delete', { clientId: 'ghost' })).toBe('NO_SUCH_CLIENT: oauth has no client ghost');
    expect(await call('/clients/delete', { clientId: 'fixed' })).toMatch(/^INVALID_CONFIGURATION: client fixed is configured/);
    expect((await form('grant_type=client_credentials', 'fixed', FIXED_SECRET)).status).toBe(200);
  });
});

describe('oauth2-provider:revoke-token', () => {
  it('revokes an access token, Bearer prefix or not', async () => {
    app = await start(APP);
    const issue = async () => ((await (await form('grant_type=client_credentials', 'fixed', FIXED_SECRET)).json()) as { access_token: string }).access_token;
    const [one, two] = [await issue(), await issue()];
    expect((await introspectAt(one)).active).toBe(true);
    expect(JSON.parse(await call('/tokens/revoke', { token: one }))).toEqual({ token: one });
    await call('/tokens/revoke', { token: `Bearer ${two}` });
    expect(await introspectAt(one)).toEqual({ active: false });
    expect(await introspectAt(two)).toEqual({ active: false });
  });

  it('revokes a refresh token and the access tokens of its grant', async () => {
    app = await start(APP);
    await call('/clients/create', { ...SVC, grants: ['RESOURCE_OWNER_PASSWORD_CREDENTIALS'] });
    const tokens = (await (await form('grant_type=password&username=ann&password=right', 'svc', SVC.secret)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    await call('/tokens/revoke', { token: tokens.refresh_token });
    expect(await introspectAt(tokens.refresh_token)).toEqual({ active: false });
    expect(await introspectAt(tokens.access_token)).toEqual({ active: false });
    expect(await (await form(`grant_type=refresh_token&refresh_token=${tokens.refresh_token}`, 'svc', SVC.secret)).json()).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('lets an unknown or already revoked token be', async () => {
    app = await start(APP);
    expect(JSON.parse(await call('/tokens/revoke', { token: 'never-issued' }))).toEqual({ token: 'never-issued' });
    expect(JSON.parse(await call('/tokens/revoke', {}))).toEqual({});
  });
});
