import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientIdEnforcement } from '../../src/policies/client-id-enforcement/client-id-enforcement.js';
import { POLICIES } from '../../src/policies/index.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

// The comparison of secrets must go through timingSafeEqual: wrapped so the tests can see it does.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ANN_SECRET = 'ann-secret-0f3a9c1d7e5b';
const CARL_SECRET = 'carl-secret-77d1e0b2';

/** Flows "orders" (API orders-v1) and "billing" (API billing-v1), each answering with the client the policy let in. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <api-gateway:autodiscovery apiId="billing-v1" flowRef="billing"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><set-payload value="#[{'client': vars.client}]"/></flow>
  <flow name="billing"><http:listener config-ref="listener" path="/billing/*"/><set-payload value="#[{'client': vars.client}]"/></flow>`).replace(
  '<mule ',
  `<mule ${NS} `,
);

/**
 * ann: approved for orders-v1 (gold); bob: revoked for orders-v1; carl: approved for billing-v1
 * only; dora: registered at an IdP (no secret hash), approved for orders-v1.
 */
const APPLICATIONS = `applications:
  - name: ann
    clientId: ann-id
    clientSecretHash: ${sha256(ANN_SECRET)}
    contracts: [{ apiId: orders-v1, tier: gold }]
  - name: bob
    clientId: bob-id
    clientSecretHash: ${sha256('bob-secret')}
    contracts: [{ apiId: orders-v1, status: revoked }]
  - name: carl
    clientId: carl-id
    clientSecretHash: ${sha256(CARL_SECRET)}
    contracts: [{ apiId: billing-v1 }]
  - name: dora
    clientId: dora-id
    contracts: [{ apiId: orders-v1 }]
`;

async function startWith(config: Record<string, unknown> = {}): Promise<TestApp> {
  const policy = `\n    policies:\n      - id: client-id-enforcement\n        config: ${JSON.stringify(config)}`;
  return start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': `apis:\n  - apiId: orders-v1${policy}\n  - apiId: billing-v1${policy}\n${APPLICATIONS}` });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the test's own flows
async function call(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(app!.url(path), { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, headers: res.headers };
}

const headers = (id: string, secret?: string): Record<string, string> => ({ client_id: id, ...(secret !== undefined ? { client_secret: secret } : {}) });
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
const INVALID = { error: 'invalid_client', error_description: 'invalid client id or secret' };

describe('client-id-enforcement: credentials in headers (customExpression, the default)', () => {
  it('lets a client with an approved contract in, and hands it to the flow as vars.client', async () => {
    app = await startWith();
    const res = await call('/orders/1', headers('ann-id', ANN_SECRET));
    expect(res.status).toBe(200);
    expect(res.body.client).toEqual({ clientId: 'ann-id', application: 'ann', tier: 'gold' });
  });

  it('refuses a request without credentials, or with a client id and no secret', async () => {
    app = await startWith();
    const none = await call('/orders/1');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'unauthorized', error_description: 'missing client credentials' });
    // Custom headers have no HTTP authentication scheme a challenge could name.
    expect(none.headers.get('www-authenticate')).toBeNull();
    const noSecret = await call('/orders/1', headers('ann-id'));
    expect(noSecret.status).toBe(401);
    expect(noSecret.body).toEqual({ error: 'invalid_client', error_description: 'missing client secret' });
  });

  it('refuses an unknown client and a wrong secret alike, so that answers do not tell which ids exist', async () => {
    app = await startWith();
    for (const [id, secret] of [
      ['nobody', ANN_SECRET],
      ['ann-id', 'wrong'],
      ['ann-id', `${ANN_SECRET}x`],
      ['ann-id', ANN_SECRET.slice(0, -1)],
      ['ann-id', ''],
    ]) {
      const res = await call('/orders/1', headers(id!, secret!));
      expect({ id, secret, status: res.status, body: res.body }).toEqual({
        id,
        secret,
        status: 401,
        body: secret === '' ? { error: 'invalid_client', error_description: 'missing client secret' } : INVALID,
      });
    }
  });

  it('refuses a client whose contract is revoked', async () => {
    app = await startWith();
    const res = await call('/orders/1', headers('bob-id', 'bob-secret'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });

  it('refuses a client whose contract is with another API only, and lets it into that API', async () => {
    app = await startWith();
    expect((await call('/orders/1', headers('carl-id', CARL_SECRET))).status).toBe(401);
    const billing = await call('/billing/1', headers('carl-id', CARL_SECRET));
    expect(billing.status).toBe(200);
    expect(billing.body.client).toEqual({ clientId: 'carl-id', application: 'carl' });
    expect((await call('/billing/1', headers('ann-id', ANN_SECRET))).status).toBe(401);
  });

  it('refuses a client registered at an IdP, which has no secret flowrt could check, saying so', async () => {
    app = await startWith();
    const res = await call('/orders/1', headers('dora-id', 'anything'));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_client');
    expect(res.body.error_description).toMatch(/registered at an identity provider.*access token/);
  });

  it('compares secrets in constant time, for a wrong secret and for an unknown client too', async () => {
    app = await startWith();
    const compare = vi.mocked(crypto.timingSafeEqual);
    for (const [id, secret, status] of [
      ['ann-id', ANN_SECRET, 200],
      ['ann-id', 'a-wrong-secret', 401],
      ['nobody', 'a-wrong-secret', 401],
    ] as const) {
      compare.mockClear();
      expect((await call('/orders/1', headers(id, secret))).status).toBe(status);
      expect(compare).toHaveBeenCalledTimes(1);
      // sha256 digests of both sides: the comparison never sees the secret's length.
      const [a, b] = compare.mock.calls[0]! as [Buffer, Buffer];
      expect([a.length, b.length]).toEqual([32, 32]);
    }
  });

  it('never logs a secret, whether it was right or wrong', async () => {
    app = await startWith();
    await call('/orders/1', headers('ann-id', ANN_SECRET));
    await call('/orders/1', headers('ann-id', 'wrong-secret-value-123'));
    await call('/orders/1', basic('ann-id', 'basic-secret-value-456'));
    const logged = JSON.stringify(app.logs);
    expect(logged).toContain('client-id-enforcement: request refused');
    for (const secret of [ANN_SECRET, 'wrong-secret-value-123', 'basic-secret-value-456', sha256(ANN_SECRET)]) expect(logged).not.toContain(secret);
  });
});

describe('client-id-enforcement: HTTP Basic origin', () => {
  const BASIC = {
    credentialsOriginHasHttpBasicAuthenticationHeader: 'httpBasicAuthenticationHeader',
    clientIdExpression: "#[attributes.headers['client_id']]",
  };

  it('takes the credentials from Authorization: Basic, and challenges with the Basic scheme when refusing', async () => {
    app = await startWith(BASIC);
    const ok = await call('/orders/1', basic('ann-id', ANN_SECRET));
    expect(ok.status).toBe(200);
    expect(ok.body.client).toEqual({ clientId: 'ann-id', application: 'ann', tier: 'gold' });
    const wrong = await call('/orders/1', basic('ann-id', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(INVALID);
    expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="orders-v1"');
    const none = await call('/orders/1');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="orders-v1"');
  });

  it('ignores the expressions: credentials in headers do not count', async () => {
    app = await startWith(BASIC);
    expect((await call('/orders/1', headers('ann-id', ANN_SECRET))).status).toBe(401);
    expect((await call('/orders/1', { authorization: 'Basic not-base64!' })).status).toBe(401);
    expect((await call('/orders/1', { authorization: `Basic ${Buffer.from('ann-id').toString('base64')}` })).status).toBe(401);
  });

  it('splits user-id and password at the first colon (RFC 7617 §2): a secret may hold colons', async () => {
    app = await startWith(BASIC);
    expect((await call('/orders/1', basic('ann-id', `${ANN_SECRET}:more`))).status).toBe(401);
    expect((await call('/orders/1', basic('ann-id', ANN_SECRET))).status).toBe(200);
  });
});

describe('client-id-enforcement: custom expressions', () => {
  it('reads the credentials where the expressions say', async () => {
    app = await startWith({ clientIdExpression: '#[attributes.queryParams.app]', clientSecretExpression: "#[attributes.headers['x-app-secret']]" });
    expect((await call(`/orders/1?app=ann-id`, { 'x-app-secret': ANN_SECRET })).status).toBe(200);
    expect((await call(`/orders/1?app=ann-id`, { 'x-app-secret': 'wrong' })).status).toBe(401);
    expect((await call('/orders/1', headers('ann-id', ANN_SECRET))).status).toBe(401);
  });

  it('checks the client id alone when clientSecretExpression is blank, as Anypoint does', async () => {
    app = await startWith({ clientSecretExpression: '' });
    const res = await call('/orders/1', headers('ann-id'));
    expect(res.status).toBe(200);
    expect(res.body.client.application).toBe('ann');
    expect((await call('/orders/1', headers('carl-id'))).status).toBe(401);
    expect((await call('/orders/1', headers('bob-id'))).status).toBe(401);
    expect((await call('/orders/1', headers('dora-id'))).status).toBe(401);
  });
});

describe('client-id-enforcement: configuration', () => {
  it('is registered by its Anypoint id', () => {
    expect(POLICIES.find((p) => p.id === 'client-id-enforcement')).toBe(clientIdEnforcement);
  });

  it('refuses an expression that does not compile, at the parameter', () => {
    const deps = { log: undefined as never, now: Date.now, httpClient: () => undefined as never };
    const problem = (config: Record<string, unknown>) => {
      try {
        clientIdEnforcement.create(config, deps);
        return 'built';
      } catch (e) {
        return e instanceof PolicyConfigError ? e.path : String(e);
      }
    };
    expect(problem({ clientIdExpression: '#[attributes.headers[' })).toBe('/clientIdExpression');
    expect(problem({ clientSecretExpression: '#[payload +]' })).toBe('/clientSecretExpression');
    expect(problem({ clientSecretExpression: '' })).toBe('built');
  });

  it('accepts an exported Anypoint configuration and rejects unknown parameters, in api-manager.yaml', async () => {
    app = await startWith({
      credentialsOriginHasHttpBasicAuthenticationHeader: 'customExpression',
      clientIdExpression: "#[attributes.headers['client_id']]",
      clientSecretExpression: "#[attributes.headers['client_secret']]",
    });
    expect(app.diagnostics).toEqual([]);
    expect((await call('/orders/1', headers('ann-id', ANN_SECRET))).status).toBe(200);
    await app.stop();
    app = await startWith({ credentialsOrigin: 'customExpression' });
    expect(app.diagnostics.map((d) => d.message)).toContain('/apis/0/policies/0/config: unknown property "credentialsOrigin"');
  });
});
