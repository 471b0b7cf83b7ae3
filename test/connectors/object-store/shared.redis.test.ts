import { rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/index.js';
import type { Runtime } from '../../../src/deploy/start-runtime.js';
import { startRuntime } from '../../../src/deploy/start-runtime.js';
import { mule, writeApp } from '../../helpers/app.js';
import type { OwnRedis } from '../../helpers/redis-server.js';
import { ownRedis } from '../../helpers/redis-server.js';
import { storeFlows } from './flows.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const FLOWS = mule(
  `<os:object-store name="shared"/><os:object-store name="scratch" persistent="false"/>` +
    storeFlows('d', '') +
    storeFlows('s', 'objectStore="shared"') +
    storeFlows('x', 'objectStore="scratch"'),
);

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

let raw: Redis;
beforeAll(() => {
  raw = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
});
afterAll(async () => {
  await raw?.quit();
});

/** An app folder of its own (its name is the folder's, so runs never share entries), its Redis keys removed after. */
async function folder(): Promise<string> {
  const dir = await writeApp({ 'flows/app.xml': FLOWS });
  cleanup.push(async () => {
    const keys = await raw.keys(`flowrt:{${basename(dir)}:os:*`);
    if (keys.length > 0) await raw.del(...keys);
    await rm(dir, { recursive: true, force: true });
  });
  return dir;
}

interface Running {
  readonly runtime: Runtime;
  call(method: string, path: string, body?: string, type?: string): Promise<string>;
}

async function run(dir: string, redis: string | undefined = REDIS_URL): Promise<Running> {
  const started = await startRuntime({ dir, log: createLogger('silent'), environment: {}, redis });
  if (!started.runtime) throw new Error(started.diagnostics.map((d) => d.message).join('\n'));
  const runtime = started.runtime;
  cleanup.push(() => runtime.stop());
  return {
    runtime,
    async call(method, path, body, type = 'text/plain') {
      const url = `http://127.0.0.1:${runtime.running.portOf('listener')}${path}`;
      return (await fetch(url, { method, body, headers: body === undefined ? {} : { 'content-type': type } })).text();
    },
  };
}

describe('object stores on Redis', () => {
  it('shares entries between two runtimes of the app: values, their types, and who wins a key', async () => {
    const dir = await folder();
    const [one, two] = [await run(dir), await run(dir)];
    await one.call('POST', '/s/store?key=order', '{"id":7,"total":12.5}', 'application/json');
    expect(JSON.parse(await two.call('GET', '/s/retrieve?key=order'))).toEqual({ id: 7, total: 12.5 });
    await one.call('POST', '/d/store-typed?key=typed');
    expect(JSON.parse(await two.call('GET', '/d/types?key=typed'))).toMatchObject({
      types: { n: 'number', whole: 'number', flag: 'boolean', nothing: 'null', text: 'string', list: 'array' },
    });
    expect(await two.call('POST', '/s/store-new?key=order', 'late')).toBe('OS:KEY_ALREADY_EXISTS');
    expect(JSON.parse(await two.call('GET', '/s/keys'))).toEqual(['order']);
    expect(await two.call('POST', '/s/remove?key=order', 'removed')).toBe('removed');
    expect(await one.call('GET', '/s/contains?key=order')).toBe('false');
    expect(await one.call('POST', '/s/remove?key=order')).toBe('OS:KEY_NOT_FOUND');
  });

  it('lets exactly one of two runtimes racing with failIfPresent store a key', async () => {
    const dir = await folder();
    const [one, two] = [await run(dir), await run(dir)];
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : two).call('POST', '/s/store-new?key=lock', `runtime ${i}`)));
    expect(answers.filter((a) => a !== 'OS:KEY_ALREADY_EXISTS')).toHaveLength(1);
  });

  it('shares a persistent="false" store between the runtimes too, as a Mule cluster does', async () => {
    const dir = await folder();
    const [one, two] = [await run(dir), await run(dir)];
    await one.call('POST', '/x/store?key=k', 'everywhere');
    expect(await two.call('GET', '/x/retrieve?key=k')).toBe('everywhere');
  });

  it('keeps what was stored across a hot reload and a restart of the runtime', async () => {
    const dir = await folder();
    const first = await run(dir);
    await first.call('POST', '/s/store?key=k', 'kept');
    await first.call('POST', '/d/store?key=k', 'kept too');
    // The store's declaration changes: it is built again, on the same entries.
    await writeFile(join(dir, 'flows', 'app.xml'), FLOWS.replace('<os:object-store name="shared"/>', '<os:object-store name="shared" maxEntries="10"/>'));
    const reloaded = await first.runtime.reload();
    expect(reloaded.ok).toBe(true);
    expect(await first.call('GET', '/s/retrieve?key=k')).toBe('kept');
    await first.runtime.stop();
    const again = await run(dir);
    expect(await again.call('GET', '/s/retrieve?key=k')).toBe('kept');
    expect(await again.call('GET', '/d/retrieve?key=k')).toBe('kept too');
  });
});

describe('object stores when Redis goes away', () => {
  let own: OwnRedis;
  beforeAll(async () => {
    own = await ownRedis();
  });
  afterAll(async () => {
    await own?.stop();
  });

  it('raises OS:STORE_NOT_AVAILABLE within seconds, and works again once Redis is back', async () => {
    const app = await run(await folder(), own.url);
    expect(await app.call('POST', '/s/store?key=k', 'v')).toBe('v');
    await own.kill();
    const started = Date.now();
    for (const [method, path] of [
      ['GET', '/s/retrieve?key=k'],
      ['POST', '/s/store?key=k'],
      ['GET', '/s/contains?key=k'],
      ['GET', '/s/keys'],
      ['POST', '/d/clear'],
    ] as const) {
      expect(await app.call(method, path, method === 'POST' ? 'v' : undefined)).toBe('OS:STORE_NOT_AVAILABLE');
    }
    expect(Date.now() - started).toBeLessThan(30_000); // generous: the point is that no call waits without end
    await own.restart();
    await expect.poll(() => app.call('POST', '/s/store?key=k', 'back'), { timeout: 10_000, interval: 200 }).toBe('back');
    expect(await app.call('GET', '/s/retrieve?key=k')).toBe('back');
  }, 60_000);
});
