import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { jwtValidation } from '../../src/policies/jwt-validation/jwt-validation.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import { oauth2TokenEnforcement } from '../../src/policies/token-enforcement/oauth2.js';
import { openidConnectTokenEnforcement } from '../../src/policies/token-enforcement/openid-connect.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import { GATEWAY_CLIENT, ORDERS_CLIENT, startIdp } from '../helpers/idp.js';
import type { Idp, IdpOptions } from '../helpers/idp.js';
import { bigBodyServer, EARLY_CLOSE_BOUND } from '../helpers/big-body.js';
import type { BigBodyServer } from '../helpers/big-body.js';
import { bearer, capturingLogger, closeClients, deps, run, verdict } from './jwt-validation/harness.js';

/**
 * The token-enforcement policies in front of a running flow, against a real OpenID Provider
 * (oidc-provider on loopback): discovery, introspection, revocation and JWKS are the IdP's own.
 */

let app: TestApp | undefined;
const idps: Idp[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  vi.unstubAllEnvs();
});
afterAll(async () => {
  for (const idp of idps.splice(0)) await idp.stop();
  await closeClients();
});

async function idpWith(options: IdpOptions = {}): Promise<Idp> {
  const idp = await startIdp(options);
  idps.push(idp);
  return idp;
}

const OTHER_CLIENT = { id: 'other-app', secret: 'other-secret-0123456789' } as const;
const SECRET_VAR = 'TOKEN_ENFORCEMENT_TEST_IDP_SECRET';

/** Flow "orders" (API orders-v1) answers with what the policies told it. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/>
    <set-payload value="#[{'authentication': vars.authentication, 'client': vars.client, 'claims': vars.claimSet, 'agwClientId': attributes.headers.\`x-agw-client_id\`, 'agwScope': attributes.headers.\`x-agw-scope\`, 'agwEvil': attributes.headers.\`x-agw-evil\`}]"/></flow>`).replace(
  '<mule ',
  '<mule xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway" ',
);

interface Setup {
  readonly policy?: string;
  readonly config?: Record<string, unknown>;
  readonly provider?: string;
  /** Whether the API names the client provider. */
  readonly bound?: boolean;
}

/** api-manager.yaml: the IdP as client provider "test-idp", orders-app with a contract, one policy. */
function manager(idp: Idp, { policy = 'openidconnect-access-token-enforcement', config = {}, provider, bound = true }: Setup = {}): string {
  return `clientProviders:
${
  provider ??
  `  - name: test-idp
    type: openid-connect
    discoveryUrl: ${idp.discoveryUrl}
    introspectionClientId: ${GATEWAY_CLIENT.id}
    introspectionClientSecret: \${${SECRET_VAR}}
    registrationAuthorization: idp-initial-access-token
    timeoutMs: 1000`
}
apis:
  - apiId: orders-v1
${bound ? '    clientProvider: test-idp\n' : ''}    policies:
      - id: ${policy}
        config: ${JSON.stringify(config)}
applications:
  - name: orders
    clientId: ${ORDERS_CLIENT.id}
    clientProvider: test-idp
    contracts: [{ apiId: orders-v1 }]
`;
}

async function startApp(idp: Idp, setup: Setup = {}): Promise<TestApp> {
  app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': manager(idp, setup) }, { environment: { [SECRET_VAR]: GATEWAY_CLIENT.secret } });
  return app;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the test's own flow
async function call(token?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(app!.url('/orders/1'), { headers: { ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, headers: res.headers };
}

const tokenFor = async (idp: Idp, scope = 'orders:read', client: { id: string; secret: string } = ORDERS_CLIENT): Promise<string> =>
  (await idp.token(client.id, client.secret, { scope })).access_token;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('openidconnect-access-token-enforcement through the API client provider', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await idpWith({
      clients: [
        {
          client_id: OTHER_CLIENT.id,
          client_secret: OTHER_CLIENT.secret,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          scope: 'orders:read orders:write',
        },
      ],
    });
  });

  it('lets a token with the scopes through and tells the flow who called', async () => {
    await startApp(idp, { config: { scopes: 'orders:read' } });
    const res = await call(await tokenFor(idp, 'orders:read orders:write'));
    expect(res.status).toBe(200);
    expect(res.body.authentication).toMatchObject({ principal: ORDERS_CLIENT.id, clientId: ORDERS_CLIENT.id, scopes: ['orders:read', 'orders:write'] });
    expect(res.body.authentication.properties).toMatchObject({ active: true, client_id: ORDERS_CLIENT.id });
    expect(res.body.client).toEqual({ clientId: ORDERS_CLIENT.id, application: 'orders' });
    // exposeHeaders is off by default.
    expect(res.body.agwClientId).toBeUndefined();
  });

  it('answers 403 insufficient_scope naming the scopes when one is missing (AND, the default)', async () => {
    await startApp(idp, { config: { scopes: 'orders:read orders:write' } });
    const res = await call(await tokenFor(idp, 'orders:read'));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'insufficient_scope', scope: 'orders:read orders:write' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders-v1", error="insufficient_scope", .*scope="orders:read orders:write"$/);
  });

  it('is content with any one of the scopes under scopeValidationCriteria OR', async () => {
    await startApp(idp, { config: { scopes: 'orders:write orders:admin', scopeValidationCriteria: 'OR' } });
    expect((await call(await tokenFor(idp, 'orders:write'))).status).toBe(200);
    expect((await call(await tokenFor(idp, 'orders:read'))).status).toBe(403);
  });

  it('answers a request without a token with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
    await startApp(idp);
    const res = await call();
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="orders-v1"');
  });

  it('answers 401 invalid_token to a token the IdP does not know', async () => {
    await startApp(idp);
    const res = await call('not-a-token-the-idp-issued');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_token', error_description: 'token is not active' });
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('keeps trusting a revoked token while it is cached, and refuses it once the cache lapses', async () => {
    await startApp(idp, { config: { tokenCacheTtlSeconds: 1 } });
    const token = await tokenFor(idp);
    expect((await call(token)).status).toBe(200);
    await idp.revoke(token, ORDERS_CLIENT.id, ORDERS_CLIENT.secret);
    expect((await call(token)).status).toBe(200);
    await sleep(1100);
    const res = await call(token);
    expect(res.status).toBe(401);
    expect(res.body.error_description).toBe('token is not active');
  });

  it('passes a client with an approved contract and refuses one without (skipClientIdValidation false, the default)', async () => {
    await startApp(idp);
    expect((await call(await tokenFor(idp))).status).toBe(200);
    const res = await call(await tokenFor(idp, 'orders:read', OTHER_CLIENT));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_token', error_description: 'client has no contract with this API' });
  });

  it('lets any client of the IdP in with skipClientIdValidation true', async () => {
    await startApp(idp, { config: { skipClientIdValidation: true } });
    const res = await call(await tokenFor(idp, 'orders:read', OTHER_CLIENT));
    expect(res.status).toBe(200);
    expect(res.body.client).toBeUndefined();
  });

  it('hands the introspection to the flow as X-AGW-* headers with exposeHeaders, and removes every one the client sent', async () => {
    await startApp(idp, { config: { exposeHeaders: true } });
    const res = await call(await tokenFor(idp, 'orders:read orders:write'), { 'x-agw-client_id': 'forged', 'X-AGW-Evil': 'forged' });
    expect(res.status).toBe(200);
    expect(res.body.agwClientId).toBe(ORDERS_CLIENT.id);
    expect(res.body.agwScope).toBe('orders:read orders:write');
    expect(res.body.agwEvil).toBeUndefined();
  });

  it('blocks the API when it names no client provider', async () => {
    await startApp(idp, { bound: false });
    expect(app!.diagnostics.map((d) => d.message).join('\n')).toContain('API orders-v1 has no clientProvider');
    expect((await call(await tokenFor(idp))).status).toBe(503);
  });

  it('fails closed when the introspection secret names an environment variable that is not set, without logging secrets', async () => {
    const provider = `  - name: test-idp
    type: openid-connect
    discoveryUrl: ${idp.discoveryUrl}
    introspectionClientId: ${GATEWAY_CLIENT.id}
    introspectionClientSecret: \${TOKEN_ENFORCEMENT_TEST_UNSET_SECRET}`;
    await startApp(idp, { provider });
    const token = await tokenFor(idp);
    const res = await call(token);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const logs = JSON.stringify(app!.logs);
    expect(logs).toContain('TOKEN_ENFORCEMENT_TEST_UNSET_SECRET');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(GATEWAY_CLIENT.secret);
  });

  it('verifies the IdP JWT access tokens in jwt-validation with the client provider JWKS', async () => {
    await startApp(idp, {
      policy: 'jwt-validation',
      config: { signingMethod: 'rsa', jwtKeyOrigin: 'jwks', skipClientIdValidation: true, issuers: [idp.issuer] },
    });
    const jwt = (await idp.token(ORDERS_CLIENT.id, ORDERS_CLIENT.secret, { scope: 'orders:read', resource: idp.resource })).access_token;
    const res = await call(jwt);
    expect(res.status).toBe(200);
    expect(res.body.claims).toMatchObject({ aud: idp.resource, client_id: ORDERS_CLIENT.id, iss: idp.issuer });
    const [header, payload] = jwt.split('.');
    expect((await call(`${header}.${payload}.${Buffer.from('forged').toString('base64url')}`)).status).toBe(401);
  });
});

describe('oauth2-access-token-enforcement', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await idpWith();
  });

  it('introspects at tokenUrl with the credentials the configuration gives', async () => {
    const introspection = `${idp.issuer}/token/introspection`;
    await startApp(idp, {
      policy: 'oauth2-access-token-enforcement',
      bound: false,
      config: {
        tokenUrl: introspection,
        introspectionClientId: GATEWAY_CLIENT.id,
        introspectionClientSecret: GATEWAY_CLIENT.secret,
        scopes: 'orders:read',
        skipClientIdValidation: true,
      },
    });
    expect((await call(await tokenFor(idp))).status).toBe(200);
    expect((await call(await tokenFor(idp, 'orders:write'))).status).toBe(403);
    expect((await call('garbage')).status).toBe(401);
  });

  it('answers 503, never 200, when tokenUrl refuses the policy credentials', async () => {
    await startApp(idp, {
      policy: 'oauth2-access-token-enforcement',
      bound: false,
      config: { tokenUrl: `${idp.issuer}/token/introspection`, introspectionClientId: GATEWAY_CLIENT.id, introspectionClientSecret: 'wrong-secret-0123456789' },
    });
    expect((await call(await tokenFor(idp))).status).toBe(503);
  });

  it('introspects at the API client provider without tokenUrl', async () => {
    await startApp(idp, { policy: 'oauth2-access-token-enforcement', config: { scopes: 'orders:read' } });
    expect((await call(await tokenFor(idp))).status).toBe(200);
  });
});

describe('token enforcement when time passes or the IdP fails', () => {
  it('refuses an expired token, even one cached', async () => {
    // exp is in whole seconds: 3 s leaves a loaded CI machine at least 2 s for the first call.
    const idp = await idpWith({ accessTokenTtlSeconds: 3 });
    await startApp(idp, { config: { tokenCacheTtlSeconds: 60 } });
    const token = await tokenFor(idp);
    expect((await call(token)).status).toBe(200);
    await sleep(3100);
    expect((await call(token)).status).toBe(401);
  });

  it('answers 503 for a token not cached while the IdP is down, 200 for a cached one, and recovers', async () => {
    const idp = await idpWith();
    await startApp(idp);
    const cached = await tokenFor(idp);
    const fresh = await tokenFor(idp);
    expect((await call(cached)).status).toBe(200);
    await idp.pause();
    try {
      expect((await call(cached)).status).toBe(200);
      const down = await call(fresh);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body).toEqual({ error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' });
    } finally {
      await idp.resume();
    }
    expect((await call(fresh)).status).toBe(200);
  });

  it('answers 503, never 200, while the IdP is unreachable from the start, and serves once it is back', async () => {
    const idp = await idpWith();
    const token = await tokenFor(idp);
    await idp.pause();
    await startApp(idp);
    const statuses = new Set<number>();
    for (let i = 0; i < 5; i++) statuses.add((await call(token)).status);
    expect([...statuses]).toEqual([503]);
    await idp.resume();
    // A failed discovery is tried again after a 5 s cooldown.
    await eventually(async () => {
      const status = (await call(token)).status;
      expect([200, 503]).toContain(status);
      return status === 200;
    }, 10_000);
  }, 20_000);
});

describe('token enforcement configuration', () => {
  const forApi = { ...deps(), apiId: 'orders-v1' };

  it('refuses, for an API without a client provider, what would need one', () => {
    expect(() => openidConnectTokenEnforcement.create({}, forApi)).toThrow(
      new PolicyConfigError(
        'API orders-v1 has no clientProvider: openidconnect-access-token-enforcement introspects at the client provider; name one of clientProviders in apis[].clientProvider',
      ),
    );
    expect(() => oauth2TokenEnforcement.create({ scopes: 'a' }, forApi)).toThrow(/API orders-v1 has no clientProvider/);
    expect(() => jwtValidation.create({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks' }, forApi)).toThrow(/needs jwksUrl, or a clientProvider for API orders-v1/);
  });

  it('builds without an API, as the admin API checks a change', () => {
    expect(() => openidConnectTokenEnforcement.create({}, deps())).not.toThrow();
    expect(() => jwtValidation.create({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks' }, deps())).not.toThrow();
  });

  it('refuses a tokenUrl carrying credentials', () => {
    expect(() => oauth2TokenEnforcement.create({ tokenUrl: 'https://gw:secret@idp.example/introspect' }, forApi)).toThrow(/must not carry credentials/);
  });

  it("has schemas that take Anypoint's exported configuration and refuse unknown keys", () => {
    const ajv = new Ajv2020({ strict: false });
    const oidc = ajv.compile(openidConnectTokenEnforcement.schema);
    const anypoint = {
      scopes: 'read write',
      scopeValidationCriteria: 'OR',
      exposeHeaders: true,
      skipClientIdValidation: true,
      authenticationTimeout: 10000,
      secureTrustStore: false,
      maxFederationExpirationTime: -1,
      maxCacheSize: 1000,
    };
    expect(oidc(anypoint)).toBe(true);
    expect(oidc({ scopes: 'read', tokenUrl: 'https://idp/introspect' })).toBe(false);
    expect(oidc({ scopeValidationCriteria: 'SOME' })).toBe(false);
    const oauth2 = ajv.compile(oauth2TokenEnforcement.schema);
    expect(oauth2({ ...anypoint, tokenUrl: 'https://idp/introspect', introspectionClientId: 'gw', introspectionClientSecret: 's', maxCacheEntries: 10 })).toBe(
      true,
    );
    expect(oauth2({ introspectionClientId: 'gw', introspectionClientSecret: 's' })).toBe(false);
    expect(oauth2({ tokenUrl: 'https://idp/introspect', introspectionClientId: 'gw' })).toBe(false);
  });
});

describe('token enforcement against a misbehaving introspection endpoint', () => {
  const servers: BigBodyServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** An introspection endpoint answering `bytes` bytes, or 500 for /down; a policy introspecting at `path`. */
  async function setUp(path: string, bytes = 64 * 1024 * 1024, declareLength = false) {
    const server = await bigBodyServer(bytes, { declareLength }, (req, res) => {
      if (req.url !== '/down') return false;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{}');
      return true;
    });
    servers.push(server);
    const { log, lines } = capturingLogger();
    const d = deps({ log });
    const policy = oauth2TokenEnforcement.create(
      { tokenUrl: `${server.origin}${path}`, introspectionClientId: 'gw', introspectionClientSecret: 's', skipClientIdValidation: true },
      d,
    );
    return { server, policy, d, log, lines };
  }

  it.each([true, false])('answers 503 to an introspection answer over 256 KiB (Content-Length: %s), cut off early', async (declareLength) => {
    const { server, policy, log, lines } = await setUp('/introspect', 64 * 1024 * 1024, declareLength);
    expect(verdict(await run(policy, bearer('some-token'), { log }))).toBe('503 the token cannot be checked now');
    const streamed = await server.streams[0]!;
    expect(streamed.finished).toBe(false);
    expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
    expect(lines.join('')).toContain('response body larger than 262144 bytes');
    await policy.stop?.();
  });

  it('writes one line and a summary, not one per request, while the IdP keeps failing', async () => {
    const { policy, d, log, lines } = await setUp('/down');
    for (let i = 0; i < 500; i++) expect((await run(policy, bearer(`token-${i}`), { log })).response.status).toBe(503);
    d.clock.now += 60_000;
    await policy.stop?.();
    const written = lines.map((l) => JSON.parse(l) as { msg: string; repeated?: number; reason?: string });
    expect(written).toEqual([
      expect.objectContaining({
        msg: 'oauth2-access-token-enforcement: the token cannot be checked, answering 503',
        reason: expect.stringContaining('answered 500'),
      }),
      expect.objectContaining({
        msg: 'oauth2-access-token-enforcement: the token cannot be checked, answering 503 (repeated 499 times in the last 60 s)',
        repeated: 499,
      }),
    ]);
  });
});
