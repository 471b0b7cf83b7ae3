import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/deploy/logger.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import { rateLimiting } from '../../src/policies/rate-limiting/rate-limiting.js';
import { PolicyConfigError } from '../../src/policies/shared/policy.js';
import type { LogLine } from '../helpers/app.js';
import { mule, writeApp } from '../helpers/app.js';

const REDIS = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';

/** Flows "a" (/a/*, API a-v1) and "b" (/b/*, API b-v1), each answering "ok". */
const FLOWS = mule(`<api-gateway:autodiscovery apiId="a-v1" flowRef="a"/>
  <api-gateway:autodiscovery apiId="b-v1" flowRef="b"/>
  <flow name="a"><http:listener config-ref="listener" path="/a/*"/><set-payload value="ok"/></flow>
  <flow name="b"><http:listener config-ref="listener" path="/b/*"/><set-payload value="ok"/></flow>`).replace('<mule ', `<mule ${NS} `);

/** api-manager.yaml applying rate-limiting with `config` to a-v1 (and `b`'s config, if any, to b-v1). */
function manager(a: Record<string, unknown>, b?: Record<string, unknown>): string {
  const api = (id: string, config: Record<string, unknown>) =>
    `  - apiId: ${id}\n    policies:\n      - id: rate-limiting\n        config: ${JSON.stringify(config)}\n`;
  return `apis:\n${api('a-v1', a)}${b ? api('b-v1', b) : '  - apiId: b-v1\n'}`;
}

const limit = (maximumRequests: number, timePeriodInMilliseconds: number) => ({ maximumRequests, timePeriodInMilliseconds });

interface Node {
  readonly runtime: Runtime;
  readonly logs: LogLine[];
  url(path: string): string;
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/**
 * `count` runtimes of one app folder (so one app name, hence one Redis namespace; a fresh temp
 * folder per test keeps tests apart), each on its own ephemeral port.
 */
async function cluster(managerYaml: string, count: number, redis?: string): Promise<Node[]> {
  const dir = await writeApp({ 'flows/app.xml': FLOWS, 'api-manager.yaml': managerYaml });
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const logs: LogLine[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    const started = await startRuntime({ dir, log: createLogger('debug', false, stream), environment: {}, redis });
    if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
    const runtime = started.runtime;
    cleanup.push(() => runtime.stop());
    expect(started.diagnostics).toEqual([]);
    nodes.push({ runtime, logs, url: (path) => `http://127.0.0.1:${runtime.running.portOf('listener')}${path}` });
  }
  return nodes;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON the policies answer
async function call(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body, headers: res.headers };
}

const statuses = async (url: string, n: number, headers: Record<string, string> = {}): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(url, headers)).status);
  return out;
};

const tally = (codes: readonly number[]): Record<number, number> => codes.reduce<Record<number, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

describe('rate-limiting across runtimes on one Redis', () => {
  it('lets exactly maximumRequests of two concurrent bursts on two runtimes through', async () => {
    const [one, two] = await cluster(manager({ rateLimits: [limit(30, 10_000)] }), 2, REDIS);
    const burst = (node: Node) => Promise.all(Array.from({ length: 50 }, () => call(node.url('/a/x')).then((r) => r.status)));
    const [first, second] = await Promise.all([burst(one!), burst(two!)]);
    // The quota was shared: not 30 per runtime, nor a split of it.
    expect(tally([...first, ...second])).toEqual({ 200: 30, 429: 70 });
  });

  it('counts per runtime with clusterizable false, even on Redis', async () => {
    const [one, two] = await cluster(manager({ rateLimits: [limit(3, 10_000)], clusterizable: false }), 2, REDIS);
    expect(await statuses(one!.url('/a/x'), 5)).toEqual([200, 200, 200, 429, 429]);
    expect(await statuses(two!.url('/a/x'), 5)).toEqual([200, 200, 200, 429, 429]);
  });
});

describe.each([
  ['memory', undefined],
  ['redis', REDIS],
] as const)('rate-limiting (%s store)', (_kind, redis) => {
  it('starts a new window timePeriodInMilliseconds after the first request of the last one', async () => {
    const [node] = await cluster(manager({ rateLimits: [limit(3, 500)] }), 1, redis);
    expect(await statuses(node!.url('/a/x'), 4)).toEqual([200, 200, 200, 429]);
    await sleep(600);
    expect(await statuses(node!.url('/a/x'), 4)).toEqual([200, 200, 200, 429]);
  });

  it('enforces every limit: a request passes only while each window has quota left', async () => {
    // 2 per 400 ms and 5 per 10 s.
    const [node] = await cluster(manager({ rateLimits: [limit(2, 400), limit(5, 10_000)], exposeHeaders: true }), 1, redis);
    const url = node!.url('/a/x');
    expect(await statuses(url, 2)).toEqual([200, 200]);
    const short = await call(url);
    expect(short.status).toBe(429);
    // The short window refused it: its headers, and a retry once it is over.
    expect([short.headers.get('x-ratelimit-limit'), short.headers.get('x-ratelimit-remaining'), short.headers.get('retry-after')]).toEqual(['2', '0', '1']);
    expect(Number(short.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(400);
    expect(short.headers.get('ratelimit-policy')).toBe('"default-1";q=2;w=1, "default-2";q=5;w=10');
    expect(short.headers.get('ratelimit')).toMatch(/^"default-1";r=0;t=1, "default-2";r=2;t=(9|10)$/);

    await sleep(450);
    // A new short window; the long one has 3 counted, the refused request among them.
    expect(await statuses(url, 2)).toEqual([200, 200]);
    const long = await call(url);
    expect(long.status).toBe(429);
    // Both are spent: the headers speak of the one that ends last, and the retry waits for it.
    expect([long.headers.get('x-ratelimit-limit'), long.headers.get('x-ratelimit-remaining')]).toEqual(['5', '0']);
    expect(Number(long.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);

    await sleep(450);
    // The short window has quota again, the long one does not: still refused.
    const still = await call(url);
    expect(still.status).toBe(429);
    expect(still.headers.get('ratelimit')).toMatch(/^"default-1";r=1;t=1, "default-2";r=0;t=(9|10)$/);
  });

  it('keeps a quota per keySelector value, and one for requests without it', async () => {
    const [node] = await cluster(manager({ rateLimits: [limit(2, 10_000)], keySelector: "#[attributes.headers['x-tenant']]" }), 1, redis);
    const url = node!.url('/a/x');
    expect(await statuses(url, 3, { 'x-tenant': 'acme' })).toEqual([200, 200, 429]);
    expect(await statuses(url, 3, { 'x-tenant': 'globex' })).toEqual([200, 200, 429]);
    expect(await statuses(url, 3)).toEqual([200, 200, 429]);
    // Values are case-sensitive, as Anypoint's.
    expect(await statuses(url, 1, { 'x-tenant': 'ACME' })).toEqual([200]);
  });

  it('exposes the x-ratelimit and IETF RateLimit headers on allowed and refused answers', async () => {
    const [node] = await cluster(manager({ rateLimits: [limit(2, 10_000)], exposeHeaders: true }), 1, redis);
    const first = await call(node!.url('/a/x'));
    expect(first.status).toBe(200);
    expect(first.body).toBe('ok');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(9_000);
    expect(reset).toBeLessThanOrEqual(10_000);
    expect(first.headers.get('ratelimit-policy')).toBe('"default";q=2;w=10');
    expect(first.headers.get('ratelimit')).toBe('"default";r=1;t=10');
    expect(first.headers.get('retry-after')).toBeNull();

    expect((await call(node!.url('/a/x'))).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await call(node!.url('/a/x'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.body).toEqual({ error: 'too_many_requests', error_description: 'quota exceeded: retry in 10 s' });
    expect(refused.headers.get('x-ratelimit-limit')).toBe('2');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(reset);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.headers.get('ratelimit')).toBe('"default";r=0;t=10');
  });

  it('answers without quota headers unless exposeHeaders, but always says when to retry', async () => {
    const [node] = await cluster(manager({ rateLimits: [limit(1, 3_000)] }), 1, redis);
    const allowed = await call(node!.url('/a/x'));
    const refused = await call(node!.url('/a/x'));
    expect([allowed.status, refused.status]).toEqual([200, 429]);
    for (const res of [allowed, refused]) {
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit', 'ratelimit-policy'])
        expect(res.headers.get(name)).toBeNull();
    }
    expect(refused.headers.get('retry-after')).toBe('3');
  });
});

describe('rate-limiting: configuration', () => {
  const deps = {
    log: createLogger('silent'),
    now: Date.now,
    httpClient: () => {
      throw new Error('no HTTP');
    },
  };

  it('refuses a keySelector that does not compile, pointing at it', () => {
    const err = (() => {
      try {
        rateLimiting.create({ rateLimits: [limit(1, 1000)], keySelector: '#[1 +]' }, deps);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PolicyConfigError);
    expect((err as PolicyConfigError).path).toBe('/keySelector');
  });

  it('refuses, in the document, a configuration without rateLimits or with a zero quota', async () => {
    const dir = await writeApp({ 'flows/app.xml': FLOWS, 'api-manager.yaml': manager({ rateLimits: [limit(0, 1000)] }, {}) });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const started = await startRuntime({ dir, log: createLogger('silent'), environment: {} });
    cleanup.push(() => started.runtime!.stop());
    expect(started.diagnostics.map((d) => d.message).sort()).toEqual([
      '/apis/0/policies/0/config/rateLimits/0/maximumRequests: must be >= 1',
      "/apis/1/policies/0/config: must have required property 'rateLimits'",
    ]);
  });
});

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server of the test's own, without persistence; resolves once it accepts connections. */
async function redisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(true)); // in use: redis has bound it
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
    });
    if (up) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('rate-limiting when Redis goes away', () => {
  it('lets requests through uncounted with onStoreFailure allow, answers 503 with deny, and counts again once Redis is back', { timeout: 20_000 }, async () => {
    const port = await freePort();
    let redis = await redisServer(port);
    cleanup.push(() => killed(redis));
    const [node] = await cluster(
      manager({ rateLimits: [limit(100, 60_000)], exposeHeaders: true }, { rateLimits: [limit(100, 60_000)], exposeHeaders: true, onStoreFailure: 'deny' }),
      1,
      `redis://127.0.0.1:${port}`,
    );
    const a = node!.url('/a/x');
    const b = node!.url('/b/x');
    expect((await call(a)).headers.get('x-ratelimit-remaining')).toBe('99');
    expect((await call(b)).headers.get('x-ratelimit-remaining')).toBe('99');

    await killed(redis);
    for (let i = 0; i < 2; i++) {
      const allowed = await call(a);
      expect(allowed.status).toBe(200);
      expect(allowed.body).toBe('ok');
      // Nothing was counted, so there is nothing to expose.
      expect(allowed.headers.get('x-ratelimit-remaining')).toBeNull();
      const denied = await call(b);
      expect(denied.status).toBe(503);
      expect(denied.body).toEqual({ error: 'service_unavailable', error_description: 'the quota of this API cannot be checked now' });
      expect(denied.headers.get('retry-after')).toBe('5');
    }
    const warnings = node!.logs.filter((l) => l.msg.startsWith('quota store unavailable'));
    // One warning per policy, not one per request.
    expect(warnings.map((w) => [w.level, w.apiId, w.onStoreFailure])).toEqual([
      [40, 'a-v1', 'allow'],
      [40, 'b-v1', 'deny'],
    ]);
    expect(warnings[0]).toMatchObject({ policy: 'rate-limiting', allowedUncounted: 1 });

    // The same port, an empty Redis: the connection comes back by itself and counting starts over.
    redis = await redisServer(port);
    const deadline = Date.now() + 8_000;
    let back = await call(a);
    while (back.headers.get('x-ratelimit-remaining') === null && Date.now() < deadline) {
      await sleep(100);
      back = await call(a);
    }
    expect(back.status).toBe(200);
    expect(back.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(node!.logs.find((l) => l.msg === 'quota store is back: counting again')).toMatchObject({
      level: 30,
      apiId: 'a-v1',
      allowedUncounted: expect.any(Number),
    });
  });
});
