import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { cors } from '../../src/policies/cors/cors.js';
import { POLICIES } from '../../src/policies/index.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const RAN = 'orders flow ran';

/** Flow "orders" (API orders-v1): logs that it ran, answers "ok" with X-Total and Vary: Accept-Encoding. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders">
    <http:listener config-ref="listener" path="/orders/*"><http:response><http:headers>#[{'X-Total': '3', 'Vary': 'Accept-Encoding'}]</http:headers></http:response></http:listener>
    <logger message="${RAN}"/><set-payload value="ok"/>
  </flow>`).replace('<mule ', `<mule ${NS} `);

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

async function startWith(config: Record<string, unknown>, before = ''): Promise<TestApp> {
  return start({
    'flows/app.xml': FLOWS,
    'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:${before}\n      - id: cors\n        config: ${JSON.stringify(config)}\n`,
  });
}

interface Answer {
  status: number;
  body: string;
  cors: Record<string, string>;
  vary: string | null;
  headers: Headers;
}

async function call(method: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(app!.url('/orders/1'), { method, headers });
  const cors: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name.startsWith('access-control-')) cors[name] = value;
  });
  return { status: res.status, body: await res.text(), cors, vary: res.headers.get('vary'), headers: res.headers };
}

const preflight = (origin: string, method: string, requestHeaders?: string) =>
  call('OPTIONS', { origin, 'access-control-request-method': method, ...(requestHeaders ? { 'access-control-request-headers': requestHeaders } : {}) });

const flowRuns = () => app!.logs.filter((l) => l.msg === RAN).length;

const GROUPS = {
  publicResource: false,
  supportCredentials: true,
  originGroups: [
    {
      originGroupName: 'Default group',
      origins: [APP, 'http://localhost:3000'],
      accessControlMaxAge: 600,
      allowedMethods: [
        { methodName: 'GET', isAllowed: true },
        { methodName: 'PUT', isAllowed: true },
        { methodName: 'DELETE', isAllowed: false },
      ],
      headers: ['X-Tenant', 'content-type'],
      exposedHeaders: ['X-Total'],
    },
  ],
};

describe('cors: public resource (the default)', () => {
  it('answers a preflight itself, 200 with no body, allowing what was asked, without running the flow', async () => {
    app = await startWith({});
    const res = await preflight(APP, 'PUT', 'X-Tenant, Content-Type');
    expect({ status: res.status, body: res.body, cors: res.cors, vary: res.vary }).toEqual({
      status: 200,
      body: '',
      cors: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': 'x-tenant, content-type' },
      vary: 'Origin',
    });
    expect(flowRuns()).toBe(0);
  });

  it('gives an actual request Access-Control-Allow-Origin: *, and leaves requests without Origin alone', async () => {
    app = await startWith({ publicResource: true });
    const res = await call('GET', { origin: APP });
    expect({ status: res.status, body: res.body, cors: res.cors, vary: res.vary }).toEqual({
      status: 200,
      body: 'ok',
      cors: { 'access-control-allow-origin': '*' },
      vary: 'Accept-Encoding',
    });
    const plain = await call('GET');
    expect({ cors: plain.cors, vary: plain.vary }).toEqual({ cors: {}, vary: 'Accept-Encoding' });
    expect(flowRuns()).toBe(2);
  });

  it('with credentials names the origin, never *, and varies by Origin', async () => {
    app = await startWith({ supportCredentials: true });
    const pre = await preflight(APP, 'DELETE');
    expect(pre.cors).toEqual({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', 'access-control-allow-methods': 'DELETE' });
    const res = await call('GET', { origin: APP });
    expect(res.cors).toEqual({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' });
    expect(res.vary).toBe('Accept-Encoding, Origin');
    // An opaque origin (sandboxed frame, file://) is never granted credentials.
    expect((await call('GET', { origin: 'null' })).cors).toEqual({});
    expect((await preflight('null', 'GET')).cors).toEqual({});
  });
});

describe('cors: origin groups', () => {
  it("answers an allowed origin's preflight with the group's methods, the asked headers, max-age and credentials", async () => {
    app = await startWith(GROUPS);
    const res = await preflight(APP, 'PUT', 'x-tenant');
    expect({ status: res.status, body: res.body, cors: res.cors, vary: res.vary }).toEqual({
      status: 200,
      body: '',
      cors: {
        'access-control-allow-origin': APP,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET, PUT',
        'access-control-allow-headers': 'x-tenant',
        'access-control-max-age': '600',
      },
      vary: 'Origin',
    });
    expect(flowRuns()).toBe(0);
  });

  it('answers a preflight from another origin, for another method or with another header, with no CORS headers and no flow', async () => {
    app = await startWith(GROUPS);
    for (const res of [
      await preflight(EVIL, 'GET'),
      await preflight(APP, 'DELETE'),
      await preflight(APP, 'PATCH'),
      await preflight(APP, 'GET', 'x-tenant, authorization'),
    ]) {
      expect({ status: res.status, body: res.body, cors: res.cors, vary: res.vary }).toEqual({ status: 200, body: '', cors: {}, vary: 'Origin' });
    }
    expect(flowRuns()).toBe(0);
  });

  it("gives an allowed origin Allow-Origin, Allow-Credentials and Expose-Headers on the flow's answer", async () => {
    app = await startWith(GROUPS);
    const res = await call('POST', { origin: APP });
    expect({ status: res.status, body: res.body, cors: res.cors, vary: res.vary }).toEqual({
      status: 200,
      body: 'ok',
      cors: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'X-Total' },
      vary: 'Accept-Encoding, Origin',
    });
    expect(res.headers.get('x-total')).toBe('3');
  });

  it('lets a request from another origin through unchanged, without CORS headers: the browser withholds it', async () => {
    app = await startWith(GROUPS);
    const res = await call('GET', { origin: EVIL });
    expect({ status: res.status, body: res.body, cors: res.cors, vary: res.vary }).toEqual({
      status: 200,
      body: 'ok',
      cors: {},
      vary: 'Accept-Encoding, Origin',
    });
    expect(flowRuns()).toBe(1);
  });

  it('matches origins as browsers serialize them, takes * as any origin, and defaults max-age to 30 and methods to all', async () => {
    app = await startWith({
      publicResource: false,
      originGroups: [{ origins: ['HTTPS://App.Example.com:443/'] }, { origins: ['*'], exposedHeaders: ['X-Total'] }],
    });
    const res = await preflight(APP, 'PATCH');
    expect(res.cors).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'CONNECT, DELETE, GET, OPTIONS, PATCH, POST, PUT, TRACE',
      'access-control-max-age': '30',
    });
    // Without credentials a * group answers *.
    expect((await call('GET', { origin: EVIL })).cors).toEqual({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'X-Total' });
  });

  it('sends an OPTIONS request that is not a preflight (no Access-Control-Request-Method) to the flow', async () => {
    app = await startWith(GROUPS);
    const res = await call('OPTIONS', { origin: APP });
    expect(res.body).toBe('ok');
    expect(res.cors['access-control-allow-origin']).toBe(APP);
    expect(flowRuns()).toBe(1);
  });
});

describe('cors: ahead of every other policy', () => {
  const basic = `\n      - id: http-basic-authentication\n        config: { username: ops, passwordHash: ${createHash('sha256').update('s3cret').digest('hex')} }`;

  it('answers a preflight without asking for credentials, and puts its headers on the refusals of later policies', async () => {
    app = await startWith(GROUPS, basic);
    const pre = await preflight(APP, 'GET', 'x-tenant');
    expect(pre.status).toBe(200);
    expect(pre.cors['access-control-allow-origin']).toBe(APP);
    const refused = await call('GET', { origin: APP });
    expect(refused.status).toBe(401);
    expect(refused.cors).toMatchObject({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' });
    const ok = await call('GET', { origin: APP, authorization: `Basic ${Buffer.from('ops:s3cret').toString('base64')}` });
    expect(ok.status).toBe(200);
    expect(flowRuns()).toBe(1);
  });
});

describe('cors: configuration', () => {
  it("is registered as Anypoint's cors, first", () => {
    expect(POLICIES.find((p) => p.id === 'cors')).toBe(cors);
    expect(cors.first).toBe(true);
  });

  it('refuses an origin that is not scheme://host[:port], at its JSON pointer', () => {
    const deps = { log: undefined as never, now: Date.now, httpClient: () => undefined as never };
    const problem = (config: Record<string, unknown>) => {
      try {
        cors.create(config, deps);
        return 'built';
      } catch (e) {
        return e instanceof PolicyConfigError ? e.path : String(e);
      }
    };
    expect(problem({ publicResource: false, originGroups: [{ origins: [APP] }, { origins: ['*', 'mulesoft.com'] }] })).toBe('/originGroups/1/origins/1');
    // Anypoint ignores the groups of a public resource.
    expect(problem({ publicResource: true, originGroups: [{ origins: ['mulesoft.com'] }] })).toBe('built');
  });

  it('accepts an exported Anypoint configuration and refuses unknown parameters in api-manager.yaml', async () => {
    app = await startWith({ ...GROUPS, originGroups: [{ ...GROUPS.originGroups[0], accessControlMaxAge: '45' }] });
    expect(app.diagnostics).toEqual([]);
    expect((await preflight(APP, 'GET')).cors['access-control-max-age']).toBe('45');
    await app.stop();
    app = await startWith({ publicResource: false, allowedOrigins: [APP] });
    expect(app.diagnostics.map((d) => d.message)).toContain('/apis/0/policies/0/config: unknown property "allowedOrigins"');
  });
});
