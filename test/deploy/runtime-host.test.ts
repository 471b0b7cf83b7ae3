import { mkdtemp, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { packApp } from '../../src/deploy/archive/pack.js';
import type { HostRuntime } from '../../src/deploy/host/start-host.js';
import { startHost } from '../../src/deploy/host/start-host.js';
import { createLogger } from '../../src/deploy/logger.js';
import { deploy } from '../../src/cli/commands/deploy.js';
import { ADMIN_TOKEN, mule, writeApp } from '../helpers/app.js';
import { steadyTraffic } from '../helpers/traffic.js';
import type { Upstream } from '../helpers/upstream.js';
import { upstream } from '../helpers/upstream.js';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flowrt-host-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const helloFlow = (text: string) => mule(`<flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="${text}"/></flow>`);

/** Packs an app (flows/app.xml = `xml`) as `name` `version`; returns the archive's bytes. */
async function archive(name: string, version: string, xml: string, extra: Record<string, string> = {}): Promise<Buffer> {
  const dir = await writeApp({ 'flows/app.xml': xml, ...extra });
  const out = join(await tempDir(), `${name}.tgz`);
  await packApp(dir, out, { name, version });
  await rm(dir, { recursive: true, force: true });
  return readFile(out);
}

async function host(appsDir: string, admin = true): Promise<HostRuntime> {
  const runtime = await startHost({ appsDir, log: createLogger('silent'), environment: {}, admin: admin ? { port: 0, token: ADMIN_TOKEN } : undefined });
  cleanup.push(() => runtime.stop());
  return runtime;
}

const urlOf = (rt: HostRuntime, app: string, path: string) => {
  const port = rt.host.running(app)?.portOf('listener');
  if (port === undefined) throw new Error(`${app} is not serving`);
  return `http://127.0.0.1:${port}${path}`;
};
const get = async (url: string) => {
  const res = await fetch(url);
  return `${res.status} ${await res.text()}`;
};
const admin = (rt: HostRuntime, path: string, init: RequestInit = {}, token: string | null = ADMIN_TOKEN) =>
  fetch(`http://127.0.0.1:${rt.adminPort}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
  });
const put = (rt: HostRuntime, app: string, body: Buffer, type = 'application/gzip') =>
  admin(rt, `/apps/${app}`, { method: 'PUT', body, headers: { 'content-type': type } });

/** Polls until `check` holds (file watching is asynchronous), failing after 5 s. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('flowrt runtime: the apps folder', () => {
  it('deploys every archive at start, two apps side by side, a broken one failing alone', async () => {
    const apps = await tempDir();
    await writeFile(join(apps, 'orders.tgz'), await archive('orders', '1.0.0', helloFlow('orders')));
    await writeFile(join(apps, 'billing.tgz'), await archive('billing', '2.1.0', helloFlow('billing')));
    await writeFile(join(apps, 'junk-1.0.tgz'), Buffer.from('not an archive at all'));
    await writeFile(join(apps, 'broken.tgz'), await archive('broken', '1.0.0', helloFlow('x').replace('<set-payload', '<set-paylod')));
    const rt = await host(apps);
    expect(rt.readiness()).toBe('ready');
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 orders');
    expect(await get(urlOf(rt, 'billing', '/hello'))).toBe('200 billing');
    const list = (await (await admin(rt, '/apps')).json()) as { apps: Array<Record<string, unknown>> };
    const byName = Object.fromEntries(list.apps.map((a) => [a.name, a]));
    expect(byName.orders).toMatchObject({ state: 'deployed', version: '1.0.0', deployedAt: expect.any(String) });
    expect(byName.billing).toMatchObject({ state: 'deployed', version: '2.1.0' });
    expect(byName['junk-1.0']).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/gzip|archive/i) });
    expect(byName.broken).toMatchObject({ state: 'failed', failedVersion: '1.0.0', lastError: expect.stringContaining('does not load') });
    expect(byName.broken.version).toBeUndefined();
  });

  it('deploys a dropped archive only once it is complete, redeploys a replaced one, undeploys a removed one', async () => {
    const apps = await tempDir();
    const rt = await host(apps);
    const v1 = await archive('orders', '1.0.0', helloFlow('v1'));
    // Written in two halves, apart: a reader that does not wait for the size to settle fails here.
    const path = join(apps, 'orders.tgz');
    await writeFile(path, v1.subarray(0, 100));
    await sleep(150);
    await writeFile(path, v1);
    await until(() => rt.host.get('orders')?.state === 'deployed', 'orders 1.0.0');
    expect(rt.host.get('orders')).toMatchObject({ version: '1.0.0', lastError: undefined });
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 v1');

    await writeFile(path, await archive('orders', '1.1.0', helloFlow('v2')));
    await until(() => rt.host.get('orders')?.version === '1.1.0', 'orders 1.1.0');
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 v2');

    const port = rt.host.running('orders')!.portOf('listener')!;
    await unlink(path);
    await until(() => rt.host.get('orders') === undefined, 'orders undeployed');
    await expect(fetch(`http://127.0.0.1:${port}/hello`)).rejects.toThrow();
  });

  it('redeploys under load without a failed request, and a broken version never replaces a good one', async () => {
    const apps = await tempDir();
    const path = join(apps, 'orders.tgz');
    await writeFile(path, await archive('orders', '1.0.0', helloFlow('v1')));
    const rt = await host(apps);
    const url = urlOf(rt, 'orders', '/hello');
    const traffic = steadyTraffic(() => url, 6);
    await sleep(150);
    await writeFile(path + '.part', await archive('orders', '2.0.0', helloFlow('v2')));
    await rename(path + '.part', path);
    await until(() => rt.host.get('orders')?.version === '2.0.0', 'orders 2.0.0');
    await sleep(150);
    await writeFile(path, await archive('orders', '3.0.0', helloFlow('v3').replace('</flow>', '')));
    await until(() => rt.host.get('orders')?.state === 'failed', 'orders 3.0.0 to fail');
    await sleep(150);
    const report = await traffic.stop();
    expect(report.failures).toEqual([]);
    expect(report.bodies).toEqual(['v1', 'v2']);
    expect(rt.host.get('orders')).toMatchObject({
      state: 'failed',
      version: '2.0.0',
      failedVersion: '3.0.0',
      lastError: expect.stringContaining('3.0.0 does not load'),
    });
    expect(await get(url)).toBe('200 v2');
  });
});

describe('flowrt runtime: the admin API', () => {
  it('answers 401 without the token or with a wrong one, on every route', async () => {
    const rt = await host(await tempDir());
    for (const path of ['/apps', '/health/live', '/health/ready', '/metrics']) {
      expect((await admin(rt, path, {}, null)).status).toBe(401);
      const wrong = await admin(rt, path, {}, 'wrong-token-wrong-token');
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    }
    expect((await put(rt, 'x', Buffer.from('x')).then(() => admin(rt, '/apps/x', { method: 'DELETE' }, null))).status).toBe(401);
  });

  it('deploys, redeploys under a request in flight, refuses bad uploads with the reason, and undeploys', async () => {
    const apps = await tempDir();
    const rt = await host(apps);
    const slow: Upstream = await upstream(async (_req, res) => {
      await sleep(500);
      res.end('slow');
    });
    cleanup.push(() => slow.close());
    const app = (tag: string) =>
      mule(`
      <http:request-config name="up"><http:request-connection host="127.0.0.1" port="${slow.port}"/></http:request-config>
      <flow name="slow"><http:listener config-ref="listener" path="/slow"/><http:request config-ref="up" method="GET" path="/"/>
        <set-payload value="#['${tag} ' &amp; payload]"/></flow>`);

    const created = await put(rt, 'orders', await archive('orders', '1.0.0', app('v1')));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'orders', version: '1.0.0', state: 'deployed' });
    expect(await readdir(apps)).toContain('orders.tgz');

    const inFlight = get(urlOf(rt, 'orders', '/slow'));
    await sleep(100);
    const replaced = await put(rt, 'orders', await archive('orders', '1.1.0', app('v2')));
    expect(replaced.status).toBe(200);
    expect(await inFlight).toBe('200 v1 slow');
    expect(await get(urlOf(rt, 'orders', '/slow'))).toBe('200 v2 slow');

    const invalid = await put(rt, 'orders', await archive('orders', '1.2.0', app('v3').replace('<set-payload', '<set-paylod')));
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { error: string; problems: string[]; app: { version: string; state: string } };
    expect(body.error).toBe('invalid_app');
    expect(body.problems[0]).toMatch(/^flows\/app\.xml:\d+:\d+: error: .*set-paylod/);
    expect(body.app).toMatchObject({ version: '1.1.0', state: 'failed' });

    const garbage = await put(rt, 'orders', Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ error: 'invalid_archive' });
    expect((await put(rt, 'billing', await archive('orders', '9.0.0', app('x')))).status).toBe(409);
    expect((await put(rt, 'orders', Buffer.from('{}'), 'application/json')).status).toBe(415);
    expect(await get(urlOf(rt, 'orders', '/slow'))).toBe('200 v2 slow');

    expect((await admin(rt, '/apps/orders', { method: 'DELETE' })).status).toBe(204);
    expect((await admin(rt, '/apps/orders', { method: 'DELETE' })).status).toBe(404);
    expect(await readdir(apps)).not.toContain('orders.tgz');
  });

  it('answers PUT /apps/{name} with a content type other than an archive 415, whatever the body, deploying nothing', async () => {
    const apps = await tempDir();
    const rt = await host(apps);
    for (const [type, body] of [
      ['text/plain', 'hello'],
      ['text/plain', '{"not": "json"'],
      ['application/json', '{}'],
    ] as const) {
      const res = await put(rt, 'orders', Buffer.from(body), type);
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' });
    }
    expect(rt.host.get('orders')).toBeUndefined();
    expect(await readdir(apps)).not.toContain('orders.tgz');
  });

  it('answers an unknown route 404 and a method a route lacks 405 with Allow, each with a JSON error', async () => {
    const rt = await host(await tempDir());
    const unknown = await admin(rt, '/nothing/here');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found', error_description: 'no admin route GET /nothing/here' });
    const wrong = await admin(rt, '/apps/orders', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('PUT');
    expect(await wrong.json()).toMatchObject({ error: 'method_not_allowed' });
  });

  it('reports health and Prometheus metrics', async () => {
    const rt = await host(await tempDir());
    expect(await (await admin(rt, '/health/live')).json()).toEqual({ status: 'live' });
    expect((await admin(rt, '/health/ready')).status).toBe(200);
    await put(rt, 'orders', await archive('orders', '1.0.0', helloFlow('hi')));
    await get(urlOf(rt, 'orders', '/hello'));
    const metrics = await admin(rt, '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/flowrt_deploys_total\{app="orders",action="deploy",outcome="ok"\} 1/);
    expect(text).toMatch(/flowrt_http_requests_total\{app="orders",flow="hello",status="200"\} 1/);
  });

  it('answers not ready while draining, finishing the request in flight before the app stops', async () => {
    const slow = await upstream(async (_req, res) => {
      await sleep(400);
      res.end('slow');
    });
    cleanup.push(() => slow.close());
    const apps = await tempDir();
    await writeFile(
      join(apps, 'orders.tgz'),
      await archive(
        'orders',
        '1.0.0',
        mule(`
      <http:request-config name="up"><http:request-connection host="127.0.0.1" port="${slow.port}"/></http:request-config>
      <flow name="slow"><http:listener config-ref="listener" path="/slow"/><http:request config-ref="up" method="GET" path="/"/></flow>`),
      ),
    );
    const rt = await startHost({ appsDir: apps, log: createLogger('silent'), environment: {}, admin: { port: 0, token: ADMIN_TOKEN } });
    const inFlight = get(urlOf(rt, 'orders', '/slow'));
    await sleep(100);
    const stopped = rt.stop();
    const ready = await admin(rt, '/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    expect(await inFlight).toBe('200 slow');
    await stopped;
  });

  it('flowrt deploy uploads an archive and reports the outcome, exit 1 with the reason on failure', async () => {
    const rt = await host(await tempDir());
    const dir = await tempDir();
    const good = join(dir, 'orders-1.0.0.tgz');
    await writeFile(good, await archive('orders', '1.0.0', helloFlow('deployed')));
    const bad = join(dir, 'orders-2.0.0.tgz');
    await writeFile(bad, await archive('orders', '2.0.0', helloFlow('x').replace('<set-payload', '<set-paylod')));
    const to = `http://127.0.0.1:${rt.adminPort}`;

    const ok = capture();
    expect(await deploy(good, { to, token: ADMIN_TOKEN }, ok.stream, ok.stream)).toBe(0);
    expect(ok.text()).toBe(`deployed orders 1.0.0 to ${to}: deployed\n`);
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 deployed');

    const failed = capture();
    expect(await deploy(bad, { to, token: ADMIN_TOKEN }, failed.stream, failed.stream)).toBe(1);
    expect(failed.text()).toMatch(/deploy of orders 2\.0\.0 failed \(HTTP 422\)/);
    expect(failed.text()).toMatch(/flows\/app\.xml:\d+:\d+: error:/);
    expect(failed.text()).toContain('orders 1.0.0 keeps serving');

    const denied = capture();
    expect(await deploy(good, { to, token: 'not-the-token-at-all' }, denied.stream, denied.stream)).toBe(1);
    expect(denied.text()).toMatch(/HTTP 401/);
    const missing = capture();
    expect(await deploy(join(dir, 'nope.tgz'), { to, token: ADMIN_TOKEN }, missing.stream, missing.stream)).toBe(1);
    expect(missing.text()).toMatch(/nope\.tgz: no such file/);
  });
});

describe('flowrt runtime: properties given at deploy time', () => {
  // An app whose port and greeting come only from the deployment: no file of its own defines them.
  const configured = () =>
    mule(`<flow name="hello"><http:listener config-ref="listener" path="/hello"/><set-payload value="\${greeting}"/></flow>`).replace(
      'port="0"',
      'port="${http.port}"',
    );

  it('deploy --prop: the app serves with them, keeps them across a restart, and never shows their values', async () => {
    const apps = await tempDir();
    let rt = await host(apps);
    const file = join(await tempDir(), 'orders.tgz');
    await writeFile(file, await archive('orders', '1.0.0', configured()));
    const to = `http://127.0.0.1:${rt.adminPort}`;
    const out = capture();
    expect(await deploy(file, { to, token: ADMIN_TOKEN, prop: { 'http.port': '0', greeting: 'hello from the deployment' } }, out.stream, out.stream)).toBe(0);
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 hello from the deployment');
    const status = await (await admin(rt, '/apps/orders')).text();
    expect(JSON.parse(status)).toMatchObject({ properties: ['greeting', 'http.port'] });
    expect(status).not.toContain('hello from the deployment');
    expect(await (await admin(rt, '/apps/orders/properties')).json()).toEqual({ names: ['greeting', 'http.port'] });
    // Kept next to the archive, readable by its owner only.
    expect((await stat(join(apps, 'orders.properties.json'))).mode & 0o777).toBe(0o600);

    await rt.stop();
    rt = await host(apps);
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 hello from the deployment');
  });

  it('PUT /apps/{name}/properties redeploys with them; a set the app cannot load with leaves the running version and its properties', async () => {
    const rt = await host(await tempDir());
    const res = await admin(rt, '/apps/orders', {
      method: 'PUT',
      body: await archive('orders', '1.0.0', configured()),
      headers: {
        'content-type': 'application/gzip',
        'flowrt-properties': Buffer.from(JSON.stringify({ 'http.port': 0, greeting: 'v1' })).toString('base64url'),
      },
    });
    expect(res.status).toBe(201);
    const change = (body: unknown) =>
      admin(rt, '/apps/orders/properties', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

    expect((await change({ 'http.port': '0', greeting: 'v2' })).status).toBe(200);
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 v2');

    const broken = await change({ greeting: 'v3' });
    expect(broken.status).toBe(422);
    expect(JSON.stringify(await broken.json())).toContain('property \\"http.port\\" is not defined');
    expect(await get(urlOf(rt, 'orders', '/hello'))).toBe('200 v2');
    expect(await (await admin(rt, '/apps/orders/properties')).json()).toEqual({ names: ['greeting', 'http.port'] });

    expect((await change(['not', 'an', 'object'])).status).toBe(400);
    expect((await change({ 'a b': 'x' })).status).toBe(400);
    const badHeader = await admin(rt, '/apps/orders', {
      method: 'PUT',
      body: Buffer.from('x'),
      headers: { 'content-type': 'application/gzip', 'flowrt-properties': '%%%' },
    });
    expect(badHeader.status).toBe(400);
  });
});

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}
