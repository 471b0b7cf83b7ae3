import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { ADMIN_TOKEN, mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';

/** An app whose flow "orders" (GET/POST /orders/*) echoes what it saw, governed as API orders-v1. */
function governed(extra = ''): string {
  return mule(`<api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
    <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/>
      <set-payload value="#[{'tenant': attributes.headers.\`x-tenant\`, 'claims': vars.claimSet}]"/></flow>
    <flow name="health"><http:listener config-ref="listener" path="/health"/><set-payload value="up"/></flow>${extra}`).replace('<mule ', `<mule ${NS} `);
}

const inject = (name: string, inbound: string, outbound = '', extra = '') => `
      - id: header-injection
        name: ${name}${extra}
        config:
          inboundHeaders: [{ key: x-tenant, value: "${inbound}" }]
          ${outbound ? `outboundHeaders: [{ key: x-by, value: "${outbound}" }]` : ''}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the test's own flows
async function get(path: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(app!.url(path), init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, headers: res.headers };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('API manager and policies', () => {
  it("runs the API's policies ahead of the flow and around its response", async () => {
    app = await start({
      'flows/app.xml': governed(),
      'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:${inject('tenant', 'acme', 'gateway')}\n`,
    });
    const res = await get('/orders/1');
    expect(res.body.tenant).toBe('acme');
    expect(res.headers.get('x-by')).toBe('gateway');
  });

  it('does not govern flows without autodiscovery', async () => {
    app = await start({
      'flows/app.xml': governed(),
      'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:${inject('tenant', 'acme', 'gateway')}\n`,
    });
    const res = await get('/health');
    expect(res.body).toBe('up');
    expect(res.headers.get('x-by')).toBeNull();
  });

  it('answers 503 for an API the manager does not know, unless the gatekeeper is disabled', async () => {
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': 'apis: []\n' });
    const blocked = await get('/orders/1');
    expect(blocked.status).toBe(503);
    expect(blocked.body).toMatchObject({ error: 'service_unavailable' });
    expect(blocked.headers.get('retry-after')).toBe('5');
    await app.stop();
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': 'gatekeeper: disabled\napis: []\n' });
    expect((await get('/orders/1')).status).toBe(200);
  });

  it('blocks the API while the document is invalid at start, and opens it when the file is fixed', async () => {
    app = await start({
      'flows/app.xml': governed(),
      'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:\n      - id: header-injection\n        config: { inboundHeaders: oops }\n`,
    });
    expect(app.diagnostics.map((d) => [d.message, d.loc?.line])).toEqual([['/apis/0/policies/0/config/inboundHeaders: must be array', 5]]);
    expect((await get('/orders/1')).status).toBe(503);
    await writeFile(join(app.dir, 'api-manager.yaml'), `apis:\n  - apiId: orders-v1\n    policies:${inject('tenant', 'fixed')}\n`);
    const took = await eventually(async () => (await get('/orders/1')).status === 200);
    expect(took).toBeLessThan(10_000);
    expect((await get('/orders/1')).body.tenant).toBe('fixed');
  });

  it('applies edits of the file while running, and keeps the last valid policies when an edit is invalid', async () => {
    const file = (value: string) => `apis:\n  - apiId: orders-v1\n    policies:${inject('tenant', value)}\n`;
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': file('one') });
    expect((await get('/orders/1')).body.tenant).toBe('one');
    await writeFile(join(app.dir, 'api-manager.yaml'), file('two'));
    await eventually(async () => (await get('/orders/1')).body.tenant === 'two');
    await writeFile(join(app.dir, 'api-manager.yaml'), file('#[payload +]'));
    await eventually(async () => app!.logs.some((l) => String(l.msg).includes('API manager change refused')));
    expect((await get('/orders/1')).body.tenant).toBe('two');
    await writeFile(join(app.dir, 'api-manager.yaml'), 'apis:\n  - apiId: orders-v1\n');
    await eventually(async () => (await get('/orders/1')).body.tenant === undefined);
  });

  it('applies a policy only where its pointcut matches, against the path without basePath when ignoreBasePath', async () => {
    const yaml = `apis:\n  - apiId: orders-v1\n    policies:${inject('tenant', 'acme', '', `\n        pointcut:\n          - methodRegex: GET\n            uriTemplateRegex: /orders/[0-9]+`)}\n`;
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': yaml });
    expect((await get('/orders/12')).body.tenant).toBe('acme');
    expect((await get('/orders/ab')).body.tenant).toBeUndefined();
    expect((await get('/orders/12', { method: 'POST' })).body.tenant).toBeUndefined();
  });

  it('orders policies by order, else as listed: inbound in order, outbound in reverse', async () => {
    const yaml = `apis:\n  - apiId: orders-v1\n    policies:${inject('late', 'late', 'late', '\n        order: 2')}${inject('early', 'early', 'early', '\n        order: 1')}\n`;
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': yaml });
    const res = await get('/orders/1');
    // "early" runs first on the way in, so "late" overwrites its header; on the way out "late" answers first.
    expect(res.body.tenant).toBe('late');
    expect(res.headers.get('x-by')).toBe('early');
  });
});

describe('admin API', () => {
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

  it('refuses requests without the bearer token', async () => {
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': 'apis: []\n' }, { admin: true });
    const res = await fetch(app.adminUrl('/apis'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="flowrt-admin"');
    const wrong = await fetch(app.adminUrl('/apis'), { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('lists APIs, applies, changes and removes policies live, writing them to the document', async () => {
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': '# policies of this app\napis:\n  - apiId: orders-v1\n' }, { admin: true });
    const list = (await (await fetch(app.adminUrl('/apis'), { headers: auth })).json()) as { apis: unknown[] };
    expect(list.apis).toEqual([expect.objectContaining({ apiId: 'orders-v1', state: 'active', policies: [] })]);

    const put = await fetch(app.adminUrl('/apis/orders-v1/policies/tenant'), {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ id: 'header-injection', config: { inboundHeaders: [{ key: 'x-tenant', value: 'admin' }] } }),
    });
    expect(put.status).toBe(201);
    expect((await get('/orders/1')).body.tenant).toBe('admin');
    const saved = await readFile(join(app.dir, 'api-manager.yaml'), 'utf8');
    expect(saved).toContain('# policies of this app');
    expect(saved).toContain('name: tenant');

    const invalid = await fetch(app.adminUrl('/apis/orders-v1/policies/tenant'), {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ id: 'header-injection', config: { inboundHeaders: [{ key: 'x-tenant', value: '#[1 +]' }] } }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { problems: Array<{ message: string }> }).problems[0]!.message).toContain('invalid expression');
    expect((await get('/orders/1')).body.tenant).toBe('admin');

    const removed = await fetch(app.adminUrl('/apis/orders-v1/policies/tenant'), { method: 'DELETE', headers: auth });
    expect(removed.status).toBe(204);
    expect((await get('/orders/1')).body.tenant).toBeUndefined();
    expect((await fetch(app.adminUrl('/apis/orders-v1/policies/tenant'), { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  it('answers a body that is not JSON with 400', async () => {
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': 'apis: []\n' }, { admin: true });
    const res = await fetch(app.adminUrl('/apis/orders-v1/policies/x'), { method: 'PUT', headers: auth, body: '{nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('answers a policy body of another content type 415, changing nothing', async () => {
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': 'apis:\n  - apiId: orders-v1\n' }, { admin: true });
    const policy = JSON.stringify({ id: 'header-injection', config: { inboundHeaders: [{ key: 'x-tenant', value: 'admin' }] } });
    const res = await fetch(app.adminUrl('/apis/orders-v1/policies/tenant'), {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: policy,
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_media_type');
    expect(await readFile(join(app.dir, 'api-manager.yaml'), 'utf8')).not.toContain('tenant');
    expect((await get('/orders/1')).body.tenant).toBeUndefined();
  });

  it('answers an unknown route 404 and a method a route lacks 405 with Allow', async () => {
    app = await start({ 'flows/app.xml': governed(), 'api-manager.yaml': 'apis: []\n' }, { admin: true });
    const unknown = await fetch(app.adminUrl('/apis/orders-v1/nothing'), { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe('not_found');
    const wrong = await fetch(app.adminUrl('/apis'), { method: 'DELETE', headers: auth });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
  });
});
