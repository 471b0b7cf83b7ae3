import { afterEach, describe, expect, it } from 'vitest';
import { headerRemoval } from '../../src/policies/header-removal/header-removal.js';
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

/** Flow "orders" (API orders-v1): answers with the request headers it saw, and sets some of its own. */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders">
    <http:listener config-ref="listener" path="/orders/*"><http:response><http:headers>#[{'X-Powered-By': 'flowrt', 'X-Internal-Trace': 't-1', 'X-Internal-Node': 'n-2', 'X-Total': '3'}]</http:headers></http:response></http:listener>
    <set-payload value="#[attributes.headers]"/>
  </flow>`).replace('<mule ', `<mule ${NS} `);

async function startWith(policies: string): Promise<TestApp> {
  return start({ 'flows/app.xml': FLOWS, 'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:${policies}\n` });
}

const removal = (config: Record<string, unknown>, extra = '') => `\n      - id: header-removal${extra}\n        config: ${JSON.stringify(config)}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the test's own flow
async function call(headers: Record<string, string> = {}): Promise<{ status: number; seen: any; headers: Headers }> {
  const res = await fetch(app!.url('/orders/1'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
  return { status: res.status, seen: await res.json(), headers: res.headers };
}

describe('header-removal: inbound', () => {
  it('hides the named request headers from the flow, whatever their case, and keeps the others', async () => {
    app = await startWith(removal({ inboundHeaders: ['X-Debug'] }));
    const res = await call({ 'x-debug': 'on', 'x-tenant': 'acme' });
    expect(res.status).toBe(200);
    expect(res.seen['x-debug']).toBeUndefined();
    expect(res.seen['x-tenant']).toBe('acme');
  });

  it('takes entries as regular expressions over whole names, as Anypoint does', async () => {
    app = await startWith(removal({ inboundHeaders: ['x-internal-.*', 'cache-control'] }));
    const res = await call({ 'x-internal-id': '7', 'X-Internal-User': 'ann', 'x-internalish': 'kept', 'cache-control': 'no-cache', 'x-cache-control': 'kept' });
    expect(
      Object.keys(res.seen)
        .filter((h) => h.includes('internal') || h.includes('cache'))
        .sort(),
    ).toEqual(['x-cache-control', 'x-internalish']);
  });

  it('never removes the headers the message depends on (Host, Content-Type …)', async () => {
    app = await startWith(removal({ inboundHeaders: ['.*'] }));
    const res = await call({ 'x-debug': 'on' });
    expect(res.seen['x-debug']).toBeUndefined();
    expect(res.seen.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(res.seen['content-type']).toBe('application/json');
    expect(res.seen['content-length']).toBe('2');
  });

  it('removes a header an earlier policy injected, and lets a later one inject it again', async () => {
    const inject = (order: number, value: string) =>
      `\n      - id: header-injection\n        order: ${order}\n        config: { inboundHeaders: [{ key: x-tenant, value: ${value} }] }`;
    app = await startWith(`${inject(1, 'injected')}${removal({ inboundHeaders: ['x-tenant'] }, '\n        order: 2')}`);
    expect((await call({ 'x-tenant': 'from-client' })).seen['x-tenant']).toBeUndefined();
    await app.stop();
    app = await startWith(`${removal({ inboundHeaders: ['x-tenant'] }, '\n        order: 1')}${inject(2, 'injected')}`);
    expect((await call({ 'x-tenant': 'from-client' })).seen['x-tenant']).toBe('injected');
  });

  it("accepts Anypoint's comma-separated form", async () => {
    app = await startWith(removal({ inboundHeaders: 'x-debug, x-trace' }));
    const res = await call({ 'x-debug': 'on', 'x-trace': '1', 'x-tenant': 'acme' });
    expect([res.seen['x-debug'], res.seen['x-trace'], res.seen['x-tenant']]).toEqual([undefined, undefined, 'acme']);
  });
});

describe('header-removal: outbound', () => {
  it("removes the named and matching headers from the flow's answer, and keeps the others", async () => {
    app = await startWith(removal({ outboundHeaders: ['x-powered-by', 'X-Internal-.*', 'content-type'] }));
    const res = await call();
    expect([res.headers.get('x-powered-by'), res.headers.get('x-internal-trace'), res.headers.get('x-internal-node')]).toEqual([null, null, null]);
    expect(res.headers.get('x-total')).toBe('3');
    // Content-Type is never removed.
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('leaves the request alone when only outbound headers are given', async () => {
    app = await startWith(removal({ outboundHeaders: ['x-debug'] }));
    expect((await call({ 'x-debug': 'on' })).seen['x-debug']).toBe('on');
  });
});

describe('header-removal: configuration', () => {
  it('is registered by its Anypoint id', () => {
    expect(POLICIES.find((p) => p.id === 'header-removal')).toBe(headerRemoval);
  });

  it('refuses nothing to remove, and a regular expression that does not compile, at its JSON pointer', () => {
    const deps = { log: undefined as never, now: Date.now, httpClient: () => undefined as never };
    const problem = (config: Record<string, unknown>) => {
      try {
        headerRemoval.create(config, deps);
        return 'built';
      } catch (e) {
        return e instanceof PolicyConfigError ? e.path : String(e);
      }
    };
    expect(problem({})).toBe('/inboundHeaders');
    expect(problem({ inboundHeaders: [], outboundHeaders: '' })).toBe('/inboundHeaders');
    expect(problem({ outboundHeaders: ['x-a', 'x-(b'] })).toBe('/outboundHeaders/1');
    expect(problem({ inboundHeaders: 'x-a, x-[' })).toBe('/inboundHeaders');
    expect(problem({ outboundHeaders: ['server'] })).toBe('built');
  });
});
