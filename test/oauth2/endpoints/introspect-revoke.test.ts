import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { mule, start } from '../../helpers/app.js';

const SECRET = 'svc-secret-0123456789abcdef';
const BASIC = `Basic ${Buffer.from(`svc:${SECRET}`).toString('base64')}`;

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await start(
    mule(`<oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="READ">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS"/></oauth2-provider:clients>
  </oauth2-provider:config>`),
  );
  token = ((await post('/token', 'grant_type=client_credentials').then((r) => r.json())) as { access_token: string }).access_token;
});
afterAll(async () => {
  await app?.stop();
});

function post(path: string, body: string, authorization: string | null = BASIC): Promise<Response> {
  return fetch(app.url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
    body,
  });
}

// Found by test/fuzz/oauth-endpoints.test.ts: introspection answered for the first token of two,
// revocation revoked the first; the token endpoint already refused a parameter sent twice.
describe.each([
  ['introspection (RFC 7662)', '/introspect'],
  ['revocation (RFC 7009)', '/revoke'],
])('the %s endpoint', (_name, path) => {
  it('refuses a parameter sent twice with invalid_request (RFC 6749 §3.1), and leaves the token alone', async () => {
    for (const [body, authorization] of [
      [`token=${token}&token=other`, BASIC],
      [`token=${token}&client_id=svc&client_id=svc&client_secret=${SECRET}`, null],
    ] as const) {
      const res = await post(path, body, authorization);
      expect(res.status).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringMatching(/^parameter (token|client_id) appears more than once$/),
      });
    }
    expect(await post('/introspect', `token=${token}`).then((r) => r.json())).toMatchObject({ active: true });
  });
});
