import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { load, mule, start } from '../helpers/app.js';

/*
 * validate-token's scopes and resourceOwnerRoles written every way a Mule app writes a list:
 * the OAuth 2.0 Provider documentation's `scopes="#[['PUBLIC_READ']]"`, an expression giving a
 * string, a literal, and Mule's child elements.
 */
const SECRET = 'svc-secret-0123456789abcdef';
const guarded = (path: string, attrs: string, children = '') => `
  <flow name="${path}">
    <http:listener config-ref="listener" path="/${path}">
      <http:error-response statusCode="#[$default(vars.httpStatus, 500)]"><http:body>#[error.description]</http:body></http:error-response>
    </http:listener>
    <oauth2-provider:validate-token config-ref="oauth" ${attrs}>${children}</oauth2-provider:validate-token>
    <set-payload value="ok"/>
    <error-handler><on-error-propagate type="OAUTH2-PROVIDER:TOKEN_UNAUTHORIZED"><set-variable variableName="httpStatus" value="403"/></on-error-propagate></error-handler>
  </flow>`;
const APP = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="PUBLIC_READ WRITE ADMIN">
    <oauth2-provider:clients><oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="PUBLIC_READ WRITE ADMIN"/></oauth2-provider:clients>
  </oauth2-provider:config>
  ${guarded('documented', `scopes="#[['PUBLIC_READ']]"`)}
  ${guarded('two', `scopes="#[['PUBLIC_READ', 'WRITE']]"`)}
  ${guarded('from-query', `scopes="#[attributes.queryParams.need]"`)}
  ${guarded('literal', 'scopes="PUBLIC_READ, WRITE"')}
  ${guarded('children', '', '<oauth2-provider:scopes><oauth2-provider:scope value="PUBLIC_READ"/><oauth2-provider:scope value="ADMIN"/></oauth2-provider:scopes>')}
  ${guarded('roles', `resourceOwnerRoles="#[['buyer']]"`)}`);

/** An app of one flow file. */
const oneFile = (body: string) => ({ 'flows/app.xml': mule(body) });

let app: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = await start(APP);
  for (const scope of ['PUBLIC_READ', 'PUBLIC_READ WRITE', 'PUBLIC_READ ADMIN']) {
    const res = await fetch(app.url('/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`svc:${SECRET}`).toString('base64')}` },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(scope)}`,
    });
    tokens[scope] = ((await res.json()) as { access_token: string }).access_token;
  }
});
afterAll(() => app?.stop());

async function call(path: string, scope: string): Promise<string> {
  const res = await fetch(app.url(`/${path}`), { headers: { authorization: `Bearer ${tokens[scope]}` } });
  return `${res.status} ${await res.text()}`;
}

describe('oauth2-provider:validate-token scopes', () => {
  it("takes the documented expression #[['PUBLIC_READ']]", async () => {
    expect(await call('documented', 'PUBLIC_READ')).toBe('200 ok');
  });

  it('requires every scope of a list, from an expression, a literal or child elements', async () => {
    expect(await call('two', 'PUBLIC_READ WRITE')).toBe('200 ok');
    expect(await call('two', 'PUBLIC_READ')).toBe('403 the access token lacks scope WRITE');
    expect(await call('literal', 'PUBLIC_READ WRITE')).toBe('200 ok');
    expect(await call('literal', 'PUBLIC_READ ADMIN')).toBe('403 the access token lacks scope WRITE');
    expect(await call('children', 'PUBLIC_READ ADMIN')).toBe('200 ok');
    expect(await call('children', 'PUBLIC_READ WRITE')).toBe('403 the access token lacks scope ADMIN');
  });

  it('evaluates an expression per event, a string result read as a separated list', async () => {
    const res = await fetch(app.url(`/from-query?need=${encodeURIComponent('PUBLIC_READ,ADMIN')}`), {
      headers: { authorization: `Bearer ${tokens['PUBLIC_READ WRITE']}` },
    });
    expect(`${res.status} ${await res.text()}`).toBe('403 the access token lacks scope ADMIN');
    const ok = await fetch(app.url('/from-query?need=WRITE'), { headers: { authorization: `Bearer ${tokens['PUBLIC_READ WRITE']}` } });
    expect(ok.status).toBe(200);
  });

  it('applies resourceOwnerRoles the same way (a client token has no roles)', async () => {
    expect(await call('roles', 'PUBLIC_READ')).toBe('403 the resource owner lacks role buyer');
  });

  it('warns at load about a literal scope the provider does not have, and refuses both forms at once', async () => {
    const warned = await load(
      oneFile(`<oauth2-provider:config name="oauth" listenerConfig="listener" scopes="READ"/>
      ${guarded('x', 'scopes="READ, DELETE"')}`),
    );
    expect(warned.diagnostics.map((d) => `${d.severity}: ${d.message}`)).toContain(
      `warning: scope "DELETE" is not one of oauth's scopes: no token can have it`,
    );
    const both = await load(
      oneFile(`<oauth2-provider:config name="oauth" listenerConfig="listener" scopes="READ"/>
      ${guarded('x', 'scopes="READ"', '<oauth2-provider:scopes><oauth2-provider:scope value="READ"/></oauth2-provider:scopes>')}`),
    );
    expect(both.diagnostics.map((d) => d.message)).toContain('scopes is given twice: as an attribute and as <oauth2-provider:scopes>');
  });
});
