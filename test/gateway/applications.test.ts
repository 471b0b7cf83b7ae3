import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { ADMIN_TOKEN, mule, start } from '../helpers/app.js';
import type { Idp } from '../helpers/idp.js';
import { DEFAULT_INITIAL_ACCESS_TOKEN, GATEWAY_CLIENT, ORDERS_CLIENT, startIdp } from '../helpers/idp.js';

let app: TestApp | undefined;
let idp: Idp | undefined;
afterEach(async () => {
  await app?.stop();
  await idp?.stop();
  app = undefined;
  idp = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

/** One flow per API (orders-v1 at /orders, billing-v1 at /billing), answering with the client a policy let in. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <api-gateway:autodiscovery apiId="billing-v1" flowRef="billing"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="#[{'client': vars.client}]"/></flow>
  <flow name="billing"><http:listener config-ref="listener" path="/billing/*"/><set-payload value="#[{'client': vars.client}]"/></flow>`).replace(
  '<mule ',
  `<mule ${NS} `,
);

const CLIENT_ID_ENFORCED = `apis:
  - apiId: orders-v1
    policies: [{ id: client-id-enforcement }]
  - apiId: billing-v1
    policies: [{ id: client-id-enforcement }]
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the admin API
async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const res = await fetch(app!.adminUrl(path), { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers, text };
}

async function api(path: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(app!.url(path), { headers });
  await res.arrayBuffer();
  return res.status;
}

const manager = () => readFile(join(app!.dir, 'api-manager.yaml'), 'utf8');

describe('applications admin API: credentials flowrt issues', () => {
  it('creates an application: the secret in the answer only, its hash only in the file, and the client is let in at once', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': `# the gateway of the shop\n${CLIENT_ID_ENFORCED}` }, { admin: true });
    const created = await admin('POST', '/applications', { name: 'shop', apiId: 'orders-v1', tier: 'gold' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
    expect(created.body).toEqual({ name: 'shop', clientId, clientSecret, contracts: [{ apiId: 'orders-v1', tier: 'gold', status: 'approved' }] });
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    // 256 bits, base64url.
    expect(Buffer.from(clientSecret, 'base64url')).toHaveLength(32);

    const file = await manager();
    expect(file).toContain('# the gateway of the shop');
    expect(file).toContain(`clientId: ${clientId}`);
    expect(file).toContain(`clientSecretHash: ${sha256(clientSecret)}`);
    expect(file).not.toContain(clientSecret);

    expect(await api('/orders/1', { client_id: clientId, client_secret: clientSecret })).toBe(200);
    expect(await api('/orders/1', { client_id: clientId, client_secret: `${clientSecret}x` })).toBe(401);

    const list = await admin('GET', '/applications');
    expect(list.body).toEqual({ applications: [{ name: 'shop', clientId, contracts: [{ apiId: 'orders-v1', tier: 'gold', status: 'approved' }] }] });
    expect((await admin('GET', '/applications/shop')).body).toEqual(list.body.applications[0]);
    for (const shown of [list.text, JSON.stringify(app.logs)]) {
      expect(shown).not.toContain(clientSecret);
      expect(shown).not.toContain(sha256(clientSecret));
    }
  });

  it('adds a contract for another API, revokes one contract, deletes the application: each applies at once', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': CLIENT_ID_ENFORCED }, { admin: true });
    const { clientId, clientSecret } = (await admin('POST', '/applications', { name: 'shop', apiId: 'orders-v1' })).body as {
      clientId: string;
      clientSecret: string;
    };
    const creds = { client_id: clientId, client_secret: clientSecret };
    expect(await api('/billing/1', creds)).toBe(401);

    const added = await admin('POST', '/applications/shop/contracts', { apiId: 'billing-v1', tier: 'silver' });
    expect(added.status).toBe(201);
    expect(added.body.contracts).toEqual([
      { apiId: 'orders-v1', status: 'approved' },
      { apiId: 'billing-v1', tier: 'silver', status: 'approved' },
    ]);
    expect(await api('/billing/1', creds)).toBe(200);

    expect((await admin('DELETE', '/applications/shop/contracts/orders-v1')).status).toBe(204);
    expect(await api('/orders/1', creds)).toBe(401);
    expect(await api('/billing/1', creds)).toBe(200);
    expect(await manager()).toMatch(/apiId: orders-v1\s+status: revoked/);
    expect((await admin('GET', '/applications/shop')).body.contracts[0]).toEqual({ apiId: 'orders-v1', status: 'revoked' });

    // Asking again approves it again.
    const again = await admin('POST', '/applications/shop/contracts', { apiId: 'orders-v1' });
    expect(again.status).toBe(200);
    expect(await api('/orders/1', creds)).toBe(200);

    expect((await admin('DELETE', '/applications/shop')).status).toBe(204);
    expect(await api('/orders/1', creds)).toBe(401);
    expect(await api('/billing/1', creds)).toBe(401);
    expect((await admin('GET', '/applications')).body).toEqual({ applications: [] });
    expect((await admin('DELETE', '/applications/shop')).status).toBe(404);
  });

  it('refuses a second application of one name, an unknown API or application, and a malformed body, touching nothing', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': CLIENT_ID_ENFORCED }, { admin: true });
    expect((await admin('POST', '/applications', { name: 'shop', apiId: 'orders-v1' })).status).toBe(201);
    const before = await manager();
    const duplicate = await admin('POST', '/applications', { name: 'shop', apiId: 'billing-v1' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('conflict');
    const unknownApi = await admin('POST', '/applications', { name: 'other', apiId: 'nope-v1' });
    expect(unknownApi.status).toBe(400);
    expect(unknownApi.body.error_description).toMatch(/no API nope-v1/);
    expect((await admin('POST', '/applications', { name: '', apiId: 'orders-v1' })).status).toBe(400);
    expect((await admin('POST', '/applications', ['shop'])).status).toBe(400);
    expect((await admin('POST', '/applications', { name: 'x\ny', apiId: 'orders-v1' })).status).toBe(400);
    expect((await admin('POST', '/applications/ghost/contracts', { apiId: 'orders-v1' })).status).toBe(404);
    expect((await admin('POST', '/applications/shop/contracts', { apiId: 'nope-v1' })).status).toBe(400);
    expect((await admin('DELETE', '/applications/shop/contracts/billing-v1')).status).toBe(404);
    expect((await admin('GET', '/applications/ghost')).status).toBe(404);
    expect(await manager()).toBe(before);
  });

  it('answers a body of another content type 415, creating nothing', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': CLIENT_ID_ENFORCED }, { admin: true });
    const before = await manager();
    const res = await fetch(app.adminUrl('/applications'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'shop', apiId: 'orders-v1' }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_media_type');
    expect(await manager()).toBe(before);
  });

  it('needs the admin token', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': CLIENT_ID_ENFORCED }, { admin: true });
    const res = await fetch(app.adminUrl('/applications'), { method: 'POST', body: JSON.stringify({ name: 'shop', apiId: 'orders-v1' }) });
    expect(res.status).toBe(401);
  });

  it('makes concurrent creations one after the other, none lost', async () => {
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': CLIENT_ID_ENFORCED }, { admin: true });
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((name) => admin('POST', '/applications', { name, apiId: 'orders-v1' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect((await admin('GET', '/applications')).body.applications.map((a: { name: string }) => a.name).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe("applications admin API: clients registered at the API's client provider", () => {
  /** orders-v1 introspects tokens at the IdP; billing-v1 verifies the IdP's JWTs; both want the token's client to have a contract. */
  function idpManager(issuer: string, discoveryUrl: string, resource: string): string {
    return `clientProviders:
  - name: corp
    type: openid-connect
    discoveryUrl: ${discoveryUrl}
    introspectionClientId: ${GATEWAY_CLIENT.id}
    introspectionClientSecret: ${GATEWAY_CLIENT.secret}
    registrationAuthorization: ${DEFAULT_INITIAL_ACCESS_TOKEN}
apis:
  - apiId: orders-v1
    clientProvider: corp
    policies:
      - id: openidconnect-access-token-enforcement
        config: { skipClientIdValidation: false, tokenCacheTtlSeconds: 0 }
  - apiId: billing-v1
    clientProvider: corp
    policies:
      - id: jwt-validation
        config: { jwtKeyOrigin: jwks, jwksUrl: ${issuer}/jwks, validateAudClaim: true, supportedAudiences: "${resource}", skipClientIdValidation: false }
`;
  }

  it('registers the client at the IdP (RFC 7591), which then gets tokens the API accepts until the contract is revoked', async () => {
    idp = await startIdp();
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': idpManager(idp.issuer, idp.discoveryUrl, idp.resource) }, { admin: true });
    const created = await admin('POST', '/applications', { name: 'partner', apiId: 'orders-v1', tier: 'gold' });
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
    expect(created.body).toMatchObject({ name: 'partner', clientProvider: 'corp', contracts: [{ apiId: 'orders-v1', tier: 'gold', status: 'approved' }] });
    // The IdP knows the client: it was registered there, with the id the document records.
    expect(await idp.provider.Client.find(clientId)).toBeDefined();
    const file = await manager();
    expect(file).toContain(`clientId: ${clientId}`);
    expect(file).toContain('clientProvider: corp');
    expect(file).not.toContain('clientSecretHash');
    expect(file).not.toContain(clientSecret);

    // An opaque token, introspected by openidconnect-access-token-enforcement.
    const opaque = (await idp.token(clientId, clientSecret)).access_token;
    expect(await api('/orders/1', { authorization: `Bearer ${opaque}` })).toBe(200);
    // A client the IdP knows but that has no contract with the API.
    const stranger = (await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret)).access_token;
    expect(await api('/orders/1', { authorization: `Bearer ${stranger}` })).toBe(401);

    // A JWT access token, verified by jwt-validation with skipClientIdValidation false.
    const jwt = (await idp.token(clientId, clientSecret, { resource: idp.resource })).access_token;
    expect(await api('/billing/1', { authorization: `Bearer ${jwt}` })).toBe(401);
    expect((await admin('POST', '/applications/partner/contracts', { apiId: 'billing-v1' })).status).toBe(201);
    const billing = await fetch(app.url('/billing/1'), { headers: { authorization: `Bearer ${jwt}` } });
    expect(billing.status).toBe(200);
    expect(((await billing.json()) as { client: unknown }).client).toEqual({ clientId, application: 'partner' });

    expect((await admin('DELETE', '/applications/partner/contracts/orders-v1')).status).toBe(204);
    expect(await api('/orders/1', { authorization: `Bearer ${opaque}` })).toBe(401);
    expect((await admin('DELETE', '/applications/partner/contracts/billing-v1')).status).toBe(204);
    const refused = await fetch(app.url('/billing/1'), { headers: { authorization: `Bearer ${jwt}` } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'invalid_token', error_description: 'client has no contract with this API' });
  });

  it('answers 503 and records nothing while the IdP cannot be reached', async () => {
    idp = await startIdp();
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': idpManager(idp.issuer, idp.discoveryUrl, idp.resource) }, { admin: true });
    const before = await manager();
    await idp.pause();
    const res = await admin('POST', '/applications', { name: 'partner', apiId: 'orders-v1' });
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('temporarily_unavailable');
    expect(res.body.error_description).toMatch(/corp/);
    expect(await manager()).toBe(before);
  });
});
