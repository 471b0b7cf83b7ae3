import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICIES } from '../../src/policies/index.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

/*
 * A resource-level policy guards `GET /api/admin/.*` on a listener `basePath="/api" path="/*"
 * allowedMethods="GET"`. Whatever spelling of a path the route table sends to that flow as a path
 * under /api/admin, the policy must see as one; whatever it refuses or routes elsewhere, the flow
 * must never run for. Checked for every policy kind flowrt has.
 */

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const FLOWS = mule(`<api-gateway:autodiscovery apiId="matrix" flowRef="guarded"/>
  <flow name="guarded">
    <http:listener config-ref="api" path="/*" allowedMethods="GET">
      <http:response>
        <http:headers>#[{ 'x-flow': 'ran', 'x-seen-injected': attributes.headers.\`x-injected\`, 'x-seen-secret': attributes.headers.\`x-secret\`, 'x-seen-path': attributes.requestPath }]</http:headers>
      </http:response>
    </http:listener>
    <set-payload value="flow"/>
  </flow>`)
  .replace('<mule ', `<mule ${NS} `)
  .replace('<http:listener-config name="listener">', '<http:listener-config name="api" basePath="/api">');

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** What shows that a policy did its work on a request that passed it or not. */
interface Kind {
  readonly config: Record<string, unknown>;
  readonly acted: (a: Answer) => boolean;
  /** Sent with every request: credentials-free, so refusing policies refuse. */
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const refusedWith =
  (...statuses: number[]) =>
  (a: Answer) =>
    statuses.includes(a.status) && a.headers['x-flow'] === undefined;

const KINDS: Record<string, Kind> = {
  'jwt-validation': { config: { signingMethod: 'hmac', textKey: 'k'.repeat(64) }, acted: refusedWith(401) },
  'header-injection': { config: { inboundHeaders: [{ key: 'x-injected', value: 'yes' }] }, acted: (a) => a.headers['x-seen-injected'] === 'yes' },
  'client-id-enforcement': { config: {}, acted: refusedWith(401) },
  'openidconnect-access-token-enforcement': { config: {}, acted: refusedWith(401, 503) },
  'oauth2-access-token-enforcement': { config: {}, acted: refusedWith(401, 503) },
  'rate-limiting': {
    config: { rateLimits: [{ maximumRequests: 100_000, timePeriodInMilliseconds: 60_000 }], exposeHeaders: true },
    acted: (a) => a.headers['x-ratelimit-limit'] === '100000',
  },
  'rate-limiting-sla-based': { config: {}, acted: refusedWith(401) },
  'spike-control': {
    config: { maximumRequests: 100_000, timePeriodInMilliseconds: 1_000, exposeHeaders: true },
    acted: (a) => a.headers['x-ratelimit-limit'] === '100000',
  },
  'json-threat-protection': { config: { maxContainerDepth: 1 }, headers: { 'content-type': 'application/json' }, body: '[[1]]', acted: refusedWith(400) },
  'ip-allowlist': { config: { ips: ['10.9.9.9'] }, acted: refusedWith(403) },
  'ip-blocklist': { config: { ips: ['127.0.0.1'] }, acted: refusedWith(403) },
  cors: {
    config: { publicResource: true },
    headers: { origin: 'https://app.example.com' },
    acted: (a) => a.headers['access-control-allow-origin'] !== undefined,
  },
  'header-removal': {
    config: { inboundHeaders: ['x-secret'] },
    headers: { 'x-secret': 'leak' },
    acted: (a) => a.headers['x-flow'] === 'ran' && a.headers['x-seen-secret'] === undefined,
  },
  'http-basic-authentication': { config: { username: 'ops', password: 'pw-7f3a' }, acted: refusedWith(401) },
};

/** Spellings of a GET under /api/admin/: the route table sends each to the flow, so the policy applies. */
const GUARDED: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/admin/users'],
  ['GET', '/api//admin/users'],
  ['GET', '//api/admin//users'],
  ['GET', '/api/admin/users/'],
  ['GET', '/api/admin/users//'],
  ['GET', '/api/./admin/users'],
  ['GET', '/api/public/../admin/users'],
  ['GET', '/api/public/%2e%2e/admin/users'],
  ['GET', '/api/public/%2E%2E/admin/users'],
  ['GET', '/api/%2e/admin/users'],
  ['GET', '/api/%61dmin/users'],
  ['GET', '/%61pi/admin/users'],
  ['GET', '/api/admin;x=1/users'],
  ['GET', '/api;v=2/admin/users'],
  ['GET', '/api/admin/users;jsessionid=1'],
  ['GET', '/api/admin/..;/admin/users'],
  ['GET', '/api/admin/users?to=/api/public'],
  ['HEAD', '/api/admin/users'],
  ['HEAD', '/api//admin/./users/'],
];

/** Never reach the flow: refused before routing (400), not routed (404), not allowed (405). */
const REFUSED: ReadonlyArray<readonly [string, string, number]> = [
  ['GET', '/api/admin%2Fusers', 400],
  ['GET', '/api%2fadmin/users', 400],
  ['GET', '/api/admin%5Cusers', 400],
  ['GET', '/api/admin\\users', 400],
  ['GET', '/api/admin%3Bx=1/users', 400],
  ['GET', '/api/admin/%00users', 400],
  ['GET', '/api/admin/%zz', 400],
  ['GET', '/api/admin/%C3%28', 400],
  ['GET', '/../api/admin/users', 400],
  ['GET', '/api/../../api/admin/users', 400],
  ['GET', '/API/ADMIN/users', 404],
  ['GET', '/Api/admin/users', 404],
  ['GET', '/api/../API/admin/users', 404],
  ['POST', '/api/admin/users', 405],
  ['PUT', '/api/admin/users', 405],
  ['DELETE', '/api//admin/users', 405],
  // The router answers OPTIONS itself (200 with Allow), as koa does; the flow never runs.
  ['OPTIONS', '/api/admin/users', 200],
];

/** Other resources: the flow runs and the policy stays out of it. */
const OUTSIDE: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/public/users'],
  ['GET', '/api/adminx/users'],
  ['GET', '/api/public/admin/users'],
  ['GET', '/api/admin'],
];

function send(port: number, method: string, path: string, kind: Kind): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...kind.headers };
    if (kind.body !== undefined) headers['content-length'] = String(Buffer.byteLength(kind.body));
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(kind.body);
  });
}

describe.each(Object.keys(KINDS))('pointcut of %s', (id) => {
  const kind = KINDS[id]!;
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    const manager = {
      clientProviders: [
        {
          name: 'idp',
          type: 'oauth2',
          introspectionUrl: 'http://127.0.0.1:9/introspect',
          introspectionClientId: 'gw',
          introspectionClientSecret: 'gw-secret',
          timeoutMs: 200,
        },
      ],
      apis: [
        {
          apiId: 'matrix',
          clientProvider: 'idp',
          policies: [{ id, config: kind.config, pointcut: [{ methodRegex: 'GET', uriTemplateRegex: '/api/admin/.*' }] }],
        },
      ],
    };
    app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': JSON.stringify(manager) });
    port = Number(new URL(app.url('/', 'api')).port);
  });
  afterAll(() => app.stop());

  it('is a policy flowrt has', () => {
    expect(POLICIES.map((p) => p.id)).toContain(id);
  });

  it.each(GUARDED)('applies to %s %s', async (method, path) => {
    const answer = await send(port, method, path, kind);
    expect({ method, path, acted: kind.acted(answer) }).toEqual({ method, path, acted: true });
  });

  it.each(REFUSED)('never runs the flow for %s %s (%i)', async (method, path, status) => {
    const answer = await send(port, method, path, kind);
    expect({ method, path, status: answer.status, flow: answer.headers['x-flow'] }).toEqual({ method, path, status, flow: undefined });
  });

  it.each(OUTSIDE)('stays out of %s %s', async (method, path) => {
    const answer = await send(port, method, path, kind);
    expect({ method, path, flow: answer.headers['x-flow'], acted: kind.acted(answer) }).toEqual({ method, path, flow: 'ran', acted: false });
  });
});

describe('the path a guarded flow sees', () => {
  it('is the canonical path its listener was chosen by', async () => {
    const app = await start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': 'gatekeeper: disabled\n' });
    try {
      const port = Number(new URL(app.url('/', 'api')).port);
      // Header bytes are UTF-8 here; Node's client reads them as Latin-1.
      const seen = async (path: string) =>
        Buffer.from(String((await send(port, 'GET', path, { config: {}, acted: () => false })).headers['x-seen-path']), 'latin1').toString('utf8');
      expect(await seen('/api//admin/./users;x=1/')).toBe('/api/admin/users');
      expect(await seen('/api/public/%2e%2e/%61dmin/J%C3%BCrgen%20K')).toBe('/api/admin/Jürgen K');
    } finally {
      await app.stop();
    }
  });
});
