import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordHash, verifyPassword } from '../../src/oauth2/password-hash.js';
import { BIN } from '../helpers/cli.js';
import type { TestApp } from '../helpers/app.js';
import { load, mule, start } from '../helpers/app.js';

const WEB_SECRET = 'web-secret-0123456789';
const SPA_CB = 'https://spa.example/cb';
const WEB_CB = 'https://web.example/cb?tenant=1';
const WEB_OTHER = 'https://web.example/other';
/** Cheap enough for many sign-ins in a test; the CLI's default is 32 times dearer. */
const TEST_COST = { N: 1024, r: 8, p: 1 };

let users = '';
beforeAll(async () => {
  users = `users:\n  - username: alice\n    password: ${await hashPassword('wonderland', TEST_COST)}\n    roles: [admin, reader]\n  - username: carol\n    password: ${await hashPassword('c4rol', TEST_COST)}\n`;
});

const provider = ({ owners = 'users.yaml', auth = '', extra = '' } = {}) =>
  mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" providerName="Acme"
      supportedGrantTypes="AUTHORIZATION_CODE,RESOURCE_OWNER_PASSWORD_CREDENTIALS,CLIENT_CREDENTIALS" scopes="READ WRITE" defaultScopes="READ"
      ${owners ? `resourceOwnerSecurityProvider="${owners}"` : ''}>
    <oauth2-provider:token-config>
      <oauth2-provider:refresh-token-strategy><oauth2-provider:single-refresh-token/></oauth2-provider:refresh-token-strategy>
    </oauth2-provider:token-config>
    ${auth}
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="spa" type="PUBLIC" clientName="Shop &lt;SPA&gt;" redirectUris="${SPA_CB}" authorizedGrantTypes="AUTHORIZATION_CODE" scopes="READ WRITE"/>
      <oauth2-provider:client clientId="web" secret="${WEB_SECRET}" clientName="Web" redirectUris="${WEB_CB}, ${WEB_OTHER}" authorizedGrantTypes="AUTHORIZATION_CODE,RESOURCE_OWNER_PASSWORD_CREDENTIALS" scopes="READ WRITE"/>
      <oauth2-provider:client clientId="svc" secret="svc-secret-0123456789" redirectUris="https://svc.example/cb" authorizedGrantTypes="CLIENT_CREDENTIALS"/>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  ${extra}`);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const startWith = async (options: Parameters<typeof provider>[0] = {}, files: Record<string, string> = {}) => {
  app = await start({ 'flows/app.xml': provider(options), 'users.yaml': users, ...files });
  return app;
};
const issuer = () => app!.url('').replace(/\/$/, '');
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const authorize = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${app!.url('/authorize')}?${new URLSearchParams(params)}`, { redirect: 'manual', headers });

const requestIdOf = (html: string): string => {
  const id = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error(`no request_id in:\n${html}`);
  return id;
};

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(app!.url(path), { method: 'POST', redirect: 'manual', headers: { ...FORM, ...headers }, body: new URLSearchParams(form).toString() });

const signIn = (requestId: string, username: string, password: string, action = 'login') =>
  post('/authorize', { request_id: requestId, username, password, action });

/** The query the client's redirect URI received. */
function landed(res: Response, at: string): URLSearchParams {
  const location = res.headers.get('location');
  if (!location) throw new Error(`no redirect (${res.status})`);
  expect(location.startsWith(`${at}${at.includes('?') ? '&' : '?'}`)).toBe(true);
  return new URL(location).searchParams;
}

/** Login page → sign-in → the code at the redirect URI. */
async function codeFor(params: Record<string, string>, at: string, username = 'alice', password = 'wonderland'): Promise<string> {
  const page = await authorize(params);
  expect(page.status).toBe(200);
  const res = await signIn(requestIdOf(await page.text()), username, password);
  expect(res.status).toBe(303);
  return landed(res, at).get('code')!;
}

const spaRequest = (challenge: string, more: Record<string, string> = {}) => ({
  response_type: 'code',
  client_id: 'spa',
  redirect_uri: SPA_CB,
  scope: 'READ',
  state: 's-1',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  ...more,
});
const spaToken = (code: string, verifier: string, more: Record<string, string> = {}) =>
  post('/token', { grant_type: 'authorization_code', code, redirect_uri: SPA_CB, client_id: 'spa', code_verifier: verifier, ...more });
const introspect = async (token: string) =>
  (await (await post('/introspect', { token }, { authorization: basic('web', WEB_SECRET) })).json()) as Record<string, unknown>;

describe('oauth2-provider authorization endpoint: the code flow', () => {
  it('signs a public client in with PKCE S256: login page, code with state and iss, tokens at /token', async () => {
    await startWith();
    const { verifier, challenge } = pkce();
    const page = await authorize(spaRequest(challenge, { scope: 'READ WRITE' }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('Shop &lt;SPA&gt;');
    expect(html).not.toContain('<SPA>');
    expect(html).toMatch(/<li>READ<\/li><li>WRITE<\/li>/);
    expect(html).toContain('<label for="password">');
    expect(html).toContain('action="/authorize"');

    const res = await signIn(requestIdOf(html), 'alice', 'wonderland');
    expect(res.status).toBe(303);
    const query = landed(res, SPA_CB);
    expect(query.get('state')).toBe('s-1');
    expect(query.get('iss')).toBe(issuer());
    const token = await spaToken(query.get('code')!, verifier);
    expect(token.status).toBe(200);
    const body = (await token.json()) as { access_token: string; refresh_token?: string; scope: string };
    expect(body.scope).toBe('READ WRITE');
    expect(body.refresh_token).toBeDefined();
    expect(await introspect(body.access_token)).toMatchObject({ active: true, client_id: 'spa', username: 'alice', scope: 'READ WRITE' });
  });

  it('signs a confidential client in with PKCE, keeping the query of its redirect URI', async () => {
    await startWith();
    const { verifier, challenge } = pkce();
    const code = await codeFor(
      { response_type: 'code', client_id: 'web', redirect_uri: WEB_CB, state: 'w', code_challenge: challenge, code_challenge_method: 'S256' },
      WEB_CB,
    );
    const token = await post(
      '/token',
      { grant_type: 'authorization_code', code, redirect_uri: WEB_CB, code_verifier: verifier },
      { authorization: basic('web', WEB_SECRET) },
    );
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ token_type: 'Bearer', scope: 'READ' });
  });

  it('accepts a plain challenge from a confidential client and no PKCE at all', async () => {
    await startWith();
    const verifier = randomBytes(32).toString('base64url');
    const code = await codeFor({ response_type: 'code', client_id: 'web', redirect_uri: WEB_OTHER, code_challenge: verifier }, WEB_OTHER);
    const token = await post(
      '/token',
      { grant_type: 'authorization_code', code, redirect_uri: WEB_OTHER, code_verifier: verifier },
      { authorization: basic('web', WEB_SECRET) },
    );
    expect(token.status).toBe(200);
    const bare = await codeFor({ response_type: 'code', client_id: 'web', redirect_uri: WEB_OTHER }, WEB_OTHER);
    expect(
      (await post('/token', { grant_type: 'authorization_code', code: bare, redirect_uri: WEB_OTHER }, { authorization: basic('web', WEB_SECRET) })).status,
    ).toBe(200);
  });

  it('uses the only registered redirect URI when the request names none; the token request then needs none', async () => {
    await startWith();
    const { verifier, challenge } = pkce();
    const { redirect_uri: _omitted, ...request } = spaRequest(challenge);
    const code = await codeFor(request, SPA_CB);
    expect((await post('/token', { grant_type: 'authorization_code', code, client_id: 'spa', code_verifier: verifier })).status).toBe(200);
  });

  it('takes the authorization request as a form POST too', async () => {
    await startWith();
    const res = await post('/authorize', spaRequest(pkce().challenge));
    expect(res.status).toBe(200);
    expect(requestIdOf(await res.text())).toBeTruthy();
  });
});

describe('oauth2-provider authorization endpoint: requests it never redirects', () => {
  it('refuses a redirect URI that is not exactly a registered one, with a page and no redirect', async () => {
    await startWith();
    const { challenge } = pkce();
    for (const uri of [`${SPA_CB}/x`, `${SPA_CB}/`, 'https://SPA.example/cb', 'https://evil.example/cb']) {
      const res = await authorize(spaRequest(challenge, { redirect_uri: uri }));
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('redirect_uri is not one registered for this client');
    }
    const json = await authorize(spaRequest(challenge, { redirect_uri: `${SPA_CB}/x` }), { accept: 'application/json' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('redirect_uri') });
  });

  it('refuses an unknown client, a missing redirect URI among several and a repeated parameter without redirecting', async () => {
    await startWith();
    const unknown = await authorize({ response_type: 'code', client_id: 'nobody', redirect_uri: SPA_CB });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    expect(await unknown.text()).toContain('there is no client with client_id nobody');
    const several = await authorize({ response_type: 'code', client_id: 'web' });
    expect(several.status).toBe(400);
    expect(await several.text()).toContain('redirect_uri is required');
    const twice = await fetch(`${app!.url('/authorize')}?response_type=code&client_id=spa&client_id=web&redirect_uri=${encodeURIComponent(SPA_CB)}`, {
      redirect: 'manual',
    });
    expect(twice.status).toBe(400);
    expect(twice.headers.get('location')).toBeNull();
  });
});

describe('oauth2-provider authorization endpoint: errors sent back to the client', () => {
  const refusal = async (params: Record<string, string>) => {
    const res = await authorize(params);
    expect(res.status).toBe(302);
    const query = landed(res, SPA_CB);
    expect(query.get('iss')).toBe(issuer());
    return query;
  };

  it('redirects invalid_request when a public client sends no PKCE challenge, or a plain one', async () => {
    await startWith();
    const { code_challenge: _c, code_challenge_method: _m, ...noPkce } = spaRequest('');
    const missing = await refusal(noPkce);
    expect(missing.get('error')).toBe('invalid_request');
    expect(missing.get('state')).toBe('s-1');
    expect(missing.get('error_description')).toContain('PKCE');
    const verifier = randomBytes(32).toString('base64url');
    const plain = await refusal(spaRequest(verifier, { code_challenge_method: 'plain' }));
    expect(plain.get('error')).toBe('invalid_request');
    expect(plain.get('error_description')).toContain('S256');
    const defaulted = await refusal(spaRequest(verifier, { code_challenge_method: '' }));
    expect(defaulted.get('error')).toBe('invalid_request');
    const { code_challenge_method: _d, ...noMethod } = spaRequest(verifier);
    expect((await refusal(noMethod)).get('error_description')).toContain('S256');
  });

  it('redirects unsupported_response_type, invalid_scope and unauthorized_client', async () => {
    await startWith();
    const { challenge } = pkce();
    expect((await refusal(spaRequest(challenge, { response_type: 'token' }))).get('error')).toBe('unsupported_response_type');
    expect((await refusal(spaRequest(challenge, { scope: 'ADMIN' }))).get('error')).toBe('invalid_scope');
    const svc = await authorize({ response_type: 'code', client_id: 'svc', state: 'q' });
    expect(svc.status).toBe(302);
    const query = landed(svc, 'https://svc.example/cb');
    expect(query.get('error')).toBe('unauthorized_client');
    expect(query.get('state')).toBe('q');
  });

  it('redirects access_denied with state and iss when the user cancels', async () => {
    await startWith();
    const page = await authorize(spaRequest(pkce().challenge));
    const res = await signIn(requestIdOf(await page.text()), '', '', 'cancel');
    expect(res.status).toBe(303);
    const query = landed(res, SPA_CB);
    expect(query.get('error')).toBe('access_denied');
    expect(query.get('state')).toBe('s-1');
    expect(query.get('iss')).toBe(issuer());
    expect(query.get('code')).toBeNull();
  });
});

describe('oauth2-provider authorization endpoint: signing in', () => {
  it('shows the page again with a generic message and a new request_id after a wrong password or an unknown user', async () => {
    await startWith();
    const page = await authorize(spaRequest(pkce().challenge));
    const first = requestIdOf(await page.text());
    const wrong = await signIn(first, 'alice', 'nope');
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('location')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain('Invalid username or password.');
    const second = requestIdOf(html);
    expect(second).not.toBe(first);
    const unknown = await signIn(second, 'mallory', 'nope');
    expect(unknown.status).toBe(200);
    const third = requestIdOf(await unknown.text());
    const ok = await signIn(third, 'alice', 'wonderland');
    expect(ok.status).toBe(303);
    expect(landed(ok, SPA_CB).get('code')).toBeTruthy();
  });

  it('refuses a username after 5 failed sign-ins, even with the right password; others still sign in', async () => {
    await startWith();
    let id = requestIdOf(await (await authorize(spaRequest(pkce().challenge))).text());
    for (let i = 0; i < 5; i++) {
      const res = await signIn(id, 'alice', `wrong-${i}`);
      expect(res.status).toBe(200);
      id = requestIdOf(await res.text());
    }
    const locked = await signIn(id, 'alice', 'wonderland');
    expect(locked.status).toBe(200);
    expect(locked.headers.get('location')).toBeNull();
    const html = await locked.text();
    expect(html).toContain('Invalid username or password.');
    const carol = await signIn(requestIdOf(html), 'carol', 'c4rol');
    expect(carol.status).toBe(303);
  });

  it('takes each request_id once: a replayed or invented sign-in form is refused without redirect', async () => {
    await startWith();
    const id = requestIdOf(await (await authorize(spaRequest(pkce().challenge))).text());
    expect((await signIn(id, 'alice', 'wonderland')).status).toBe(303);
    const replay = await signIn(id, 'alice', 'wonderland');
    expect(replay.status).toBe(400);
    expect(replay.headers.get('location')).toBeNull();
    expect(await replay.text()).toContain('expired or was already sent');
    expect((await signIn('forged', 'alice', 'wonderland')).status).toBe(400);
  });

  it('serves the app login page with its placeholders filled in, escaped', async () => {
    const template =
      '<html><body><h1>{{client_name}}</h1><p id="scope">{{scope}}</p><p id="err">{{error}}</p><form action="{{action}}" method="post"><input type="hidden" name="request_id" value="{{request_id}}"></form>{{unknown}}</body></html>';
    await startWith({ auth: '<oauth2-provider:authorization-config loginPage="login.html"/>' }, { 'login.html': template });
    const page = await authorize(spaRequest(pkce().challenge, { scope: 'READ WRITE' }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<h1>Shop &lt;SPA&gt;</h1>');
    expect(html).toContain('<p id="scope">READ WRITE</p>');
    expect(html).toContain('<p id="err"></p>');
    expect(html).toContain('action="/authorize"');
    expect(html).toContain('{{unknown}}');
    const again = await (await signIn(requestIdOf(html), 'alice', 'x')).text();
    expect(again).toContain('<p id="err">Invalid username or password.</p>');
  });
});

describe('oauth2-provider authorization codes at the token endpoint', () => {
  it('revokes the tokens of a code presented twice', async () => {
    await startWith();
    const { verifier, challenge } = pkce();
    const code = await codeFor(spaRequest(challenge), SPA_CB);
    const first = (await (await spaToken(code, verifier)).json()) as { access_token: string; refresh_token: string };
    expect(await introspect(first.access_token)).toMatchObject({ active: true });
    const replay = await spaToken(code, verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect(await introspect(first.access_token)).toEqual({ active: false });
    expect(await introspect(first.refresh_token)).toEqual({ active: false });
  });

  it('refuses a wrong code_verifier, another client, a different redirect_uri with invalid_grant', async () => {
    await startWith();
    const { verifier, challenge } = pkce();
    const wrongVerifier = await spaToken(await codeFor(spaRequest(challenge), SPA_CB), pkce().verifier);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('code_verifier') });

    const spaCode = await codeFor(spaRequest(challenge), SPA_CB);
    const stolen = await post(
      '/token',
      { grant_type: 'authorization_code', code: spaCode, redirect_uri: SPA_CB, code_verifier: verifier },
      { authorization: basic('web', WEB_SECRET) },
    );
    expect(await stolen.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('another client') });

    const webCode = await codeFor(
      { response_type: 'code', client_id: 'web', redirect_uri: WEB_OTHER, code_challenge: challenge, code_challenge_method: 'S256' },
      WEB_OTHER,
    );
    const moved = await post(
      '/token',
      { grant_type: 'authorization_code', code: webCode, redirect_uri: WEB_CB, code_verifier: verifier },
      { authorization: basic('web', WEB_SECRET) },
    );
    expect(await moved.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('redirect_uri') });
  });

  it('refuses a code past its codeTtl', async () => {
    await startWith({ auth: '<oauth2-provider:authorization-config codeTtl="1"/>' });
    const { verifier, challenge } = pkce();
    const code = await codeFor(spaRequest(challenge), SPA_CB);
    await sleep(1100);
    const res = await spaToken(code, verifier);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('oauth2-provider resource owners', () => {
  it('checks the password grant against the users file', async () => {
    await startWith();
    const ok = await post(
      '/token',
      { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'WRITE' },
      { authorization: basic('web', WEB_SECRET) },
    );
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    expect(await introspect(access_token)).toMatchObject({ active: true, username: 'alice', scope: 'WRITE' });
    const wrong = await post('/token', { grant_type: 'password', username: 'alice', password: 'WONDERLAND' }, { authorization: basic('web', WEB_SECRET) });
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('locks a username out of the password grant after 5 failures, as on the login page', async () => {
    await startWith();
    const grant = (password: string) => post('/token', { grant_type: 'password', username: 'carol', password }, { authorization: basic('web', WEB_SECRET) });
    for (let i = 0; i < 5; i++) expect(await (await grant('wrong')).json()).toMatchObject({ error: 'invalid_grant' });
    expect(await (await grant('c4rol')).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('checks the password grant and the login page with a flow; a failing flow says no', async () => {
    const flow = `
  <flow name="check-user">
    <choice>
      <when expression="#[payload.username = 'bob' and payload.password = 'builder']">
        <set-payload value='#[{"authenticated": true, "roles": ["editor"]}]'/>
      </when>
      <when expression="#[payload.username = 'boom']"><raise-error type="APP:DOWN" description="directory down"/></when>
      <otherwise><set-payload value='#[{"authenticated": "yes"}]'/></otherwise>
    </choice>
  </flow>`;
    await startWith({ owners: 'check-user', extra: flow });
    const token = (username: string, password: string) =>
      post('/token', { grant_type: 'password', username, password }, { authorization: basic('web', WEB_SECRET) });
    const ok = await token('bob', 'builder');
    expect(ok.status).toBe(200);
    expect(await introspect(((await ok.json()) as { access_token: string }).access_token)).toMatchObject({ username: 'bob' });
    expect(await (await token('bob', 'wrong')).json()).toMatchObject({ error: 'invalid_grant' });
    expect(await (await token('boom', 'p4ss-never-logged')).json()).toMatchObject({ error: 'invalid_grant' });
    expect(app!.logs.find((l) => l.msg.startsWith('resource owner flow failed'))).toMatchObject({ flow: 'check-user', errorType: 'APP:DOWN' });
    expect(JSON.stringify(app!.logs)).not.toContain('p4ss-never-logged');
    const code = await codeFor(spaRequest(pkce().challenge), SPA_CB, 'bob', 'builder');
    expect(code).toBeTruthy();
  });

  it('reports a plaintext password in the users file at its line, without echoing it', async () => {
    const loaded = await load({ 'flows/app.xml': provider(), 'users.yaml': `users:\n  - username: alice\n    password: hunter2\n    roles: [admin]\n` });
    const found = loaded.diagnostics.find((d) => d.message.includes('not hashed'));
    expect(found).toMatchObject({ severity: 'error', loc: { file: expect.stringContaining('users.yaml'), line: 3 } });
    expect(found!.hint).toContain('flowrt hash-password');
    expect(found!.message).not.toContain('hunter2');
  });

  it('requires resourceOwnerSecurityProvider for the code grant, and one that names a flow or a file', async () => {
    const none = await load({ 'flows/app.xml': provider({ owners: '' }) });
    expect(none.diagnostics.map((d) => d.message).join('\n')).toContain('resourceOwnerSecurityProvider is not set');
    const neither = await load({ 'flows/app.xml': provider({ owners: 'nowhere.yaml' }) });
    expect(neither.diagnostics.map((d) => d.message).join('\n')).toContain('is neither a flow of the app nor a users file');
  });
});

describe('flowrt hash-password', () => {
  it('prints an scrypt hash of the password on stdin that verifies it', async () => {
    const child = spawn(process.execPath, [BIN, 'hash-password'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stdin.end('s3cret pass\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+\n$/);
    const hash = parsePasswordHash(out.trim())!;
    expect(await verifyPassword('s3cret pass', hash)).toBe(true);
    expect(await verifyPassword('s3cret pass\n', hash)).toBe(false);
  });
});
