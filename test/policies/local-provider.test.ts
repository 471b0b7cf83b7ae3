import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

/*
 * The app protects its API with tokens it issues itself: a client provider of type flowrt names
 * its <oauth2-provider:config>, and the token-enforcement policy asks it in process.
 */
const SECRET = 'svc-secret-0123456789abcdef';
const FLOWS = mule(`
  <oauth2-provider:config name="oauth" listenerConfig="listener" supportedGrantTypes="CLIENT_CREDENTIALS" scopes="orders:read orders:write">
    <oauth2-provider:clients>
      <oauth2-provider:client clientId="svc" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="orders:read orders:write"/>
      <oauth2-provider:client clientId="stranger" secret="${SECRET}" authorizedGrantTypes="CLIENT_CREDENTIALS" scopes="orders:read"/>
    </oauth2-provider:clients>
  </oauth2-provider:config>
  <api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders"/>
    <set-payload value="#[{'principal': vars.authentication.principal, 'client': vars.client.application}]"/></flow>`).replace(
  '<mule ',
  '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
);
const MANAGER = `
clientProviders:
  - name: self
    type: flowrt
    providerConfig: oauth
apis:
  - apiId: orders-v1
    clientProvider: self
    policies:
      - id: oauth2-access-token-enforcement
        config: { scopes: "orders:read" }
applications:
  - name: orders-service
    clientId: svc
    contracts: [{ apiId: orders-v1, tier: gold }]
`;

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const token = async (client: string, scope: string) => {
  const res = await fetch(app!.url('/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=${client}&client_secret=${SECRET}&scope=${encodeURIComponent(scope)}`,
  });
  return ((await res.json()) as { access_token: string }).access_token;
};
const call = (t?: string) => fetch(app!.url('/orders'), { headers: t ? { authorization: `Bearer ${t}` } : {} });

describe("oauth2-access-token-enforcement against the app's own provider (type: flowrt)", () => {
  it('accepts its tokens in process, checks scopes and contracts, and sees revocations at once', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': MANAGER });
    const good = await token('svc', 'orders:read');
    const ok = await call(good);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ principal: 'svc', client: 'orders-service' });

    expect((await call()).status).toBe(401);
    expect((await call('not-a-token')).status).toBe(401);
    const noScope = await call(await token('svc', 'orders:write'));
    expect(noScope.status).toBe(403);
    expect(noScope.headers.get('www-authenticate')).toContain('insufficient_scope');
    // A client of the provider without a contract for the API.
    expect((await call(await token('stranger', 'orders:read'))).status).toBe(401);
  });

  it('asks the provider on every request with tokenCacheTtlSeconds 0, so a revocation applies at once', async () => {
    app = await start({
      'flows/app.xml': FLOWS,
      'api-manager.yaml': MANAGER.replace('{ scopes: "orders:read" }', '{ scopes: "orders:read", tokenCacheTtlSeconds: 0 }'),
    });
    const good = await token('svc', 'orders:read');
    expect((await call(good)).status).toBe(200);
    await fetch(app.url('/revoke'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${good}&client_id=svc&client_secret=${SECRET}`,
    });
    expect((await call(good)).status).toBe(401);
  });
});
