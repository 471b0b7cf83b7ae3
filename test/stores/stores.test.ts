import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import { openStores } from '../../src/stores/open-stores.js';
import { connectRedis, RedisStoreFactory } from '../../src/stores/redis-store.js';
import type { StoreFactory } from '../../src/stores/store.js';
import { StoreUnavailableError } from '../../src/stores/store-error.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Nothing listens on port 1: connections are refused at once. */
const DEAD_PORT = '127.0.0.1:1';
const PASSWORD = 's3cret-Pa55word';

const kinds: [string, () => Promise<StoreFactory>][] = [
  ['memory', async () => new MemoryStoreFactory()],
  ['redis', () => connectRedis(REDIS_URL)],
];

describe.each(kinds)('%s store', (kind, make) => {
  let factory: StoreFactory;
  /** A scope of its own for every test, so runs (and tests) never see each other's keys. */
  const fresh = (): ReturnType<StoreFactory['open']> => factory.open(`test:${randomUUID()}`);

  beforeAll(async () => {
    factory = await make();
  });
  afterAll(async () => {
    await factory?.close();
  });

  it('says what kind it is', () => {
    expect(factory.kind).toBe(kind);
  });

  it('gets what was set, overwrites, and answers undefined for a missing key', async () => {
    const store = fresh();
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', 'one');
    expect(await store.get('k')).toBe('one');
    await store.set('k', '{"json":true}');
    expect(await store.get('k')).toBe('{"json":true}');
    await store.set('empty', '');
    expect(await store.get('empty')).toBe('');
  });

  it('forgets a key after its ttl, and keeps one without a ttl', async () => {
    const store = fresh();
    await store.set('short', 'v', 150);
    await store.set('kept', 'v');
    await store.set('renewed', 'v', 150);
    await store.set('renewed', 'w'); // overwriting without a ttl drops the old one
    expect(await store.get('short')).toBe('v');
    await sleep(300);
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('kept')).toBe('v');
    expect(await store.get('renewed')).toBe('w');
  });

  it('adds only when the key is absent, and again once it has expired', async () => {
    const store = fresh();
    expect(await store.add('k', 'first', 150)).toBe(true);
    expect(await store.add('k', 'second', 150)).toBe(false);
    expect(await store.get('k')).toBe('first');
    await sleep(300);
    expect(await store.get('k')).toBeUndefined();
    expect(await store.add('k', 'third')).toBe(true);
    expect(await store.add('k', 'fourth')).toBe(false);
    expect(await store.get('k')).toBe('third');
  });

  it('lets exactly one of many concurrent adds win', async () => {
    const store = fresh();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.add('k', `v${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get('k')).toBe(`v${results.indexOf(true)}`);
  });

  it('takes a value once: of 20 concurrent takes exactly one gets it', async () => {
    const store = fresh();
    expect(await store.take('missing')).toBeUndefined();
    await store.set('code', 'single-use');
    const results = await Promise.all(Array.from({ length: 20 }, () => store.take('code')));
    expect(results.filter((r) => r !== undefined)).toEqual(['single-use']);
    expect(await store.get('code')).toBeUndefined();
    expect(await store.take('code')).toBeUndefined();
  });

  it('does not take an expired value', async () => {
    const store = fresh();
    await store.set('code', 'v', 150);
    await sleep(300);
    expect(await store.take('code')).toBeUndefined();
  });

  it('deletes: true when there was a key, false when not', async () => {
    const store = fresh();
    expect(await store.delete('k')).toBe(false);
    await store.set('k', 'v');
    expect(await store.delete('k')).toBe(true);
    expect(await store.delete('k')).toBe(false);
    expect(await store.get('k')).toBeUndefined();
    await store.set('gone', 'v', 150);
    await sleep(300);
    expect(await store.delete('gone')).toBe(false);
  });

  it('counts increments, also when concurrent', async () => {
    const store = fresh();
    expect(await store.increment('n', 10_000)).toBe(1);
    expect(await store.increment('n', 10_000)).toBe(2);
    expect(await store.increment('n', 10_000)).toBe(3);
    const counts = await Promise.all(Array.from({ length: 20 }, () => store.increment('m', 10_000)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps a fixed window: increments inside it do not extend it, after it the count restarts', async () => {
    const store = fresh();
    expect(await store.increment('n', 600)).toBe(1); // the window ends at ~600 ms
    await sleep(300);
    expect(await store.increment('n', 600)).toBe(2); // would move the end to ~900 ms if it slid
    await sleep(450); // ~750 ms: past the window, inside a slid one
    expect(await store.increment('n', 600)).toBe(1);
    expect(await store.increment('n', 600)).toBe(2);
  });

  it('hits: counts as increment does, and tells how long the window has left', async () => {
    const store = fresh();
    const first = await store.hit('n', 10_000);
    expect(first.count).toBe(1);
    expect(first.resetMs).toBeGreaterThan(9_000);
    expect(first.resetMs).toBeLessThanOrEqual(10_000);
    await sleep(200);
    const second = await store.hit('n', 10_000);
    expect(second.count).toBe(2);
    // The window does not slide: what is left shrank by about the time that passed.
    expect(second.resetMs).toBeLessThanOrEqual(first.resetMs - 150);
    expect(second.resetMs).toBeGreaterThan(first.resetMs - 1_000);
    // The same counter as increment's.
    expect(await store.increment('n', 10_000)).toBe(3);
    expect((await store.hit('n', 10_000)).count).toBe(4);
  });

  it('hits concurrently: every count once, every reset inside the one window', async () => {
    const store = fresh();
    const hits = await Promise.all(Array.from({ length: 30 }, () => store.hit('m', 5_000)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const h of hits) {
      expect(h.resetMs).toBeGreaterThan(4_000);
      expect(h.resetMs).toBeLessThanOrEqual(5_000);
    }
  });

  it('hits into a new window once the last one is over, with the whole window left', async () => {
    const store = fresh();
    expect((await store.hit('n', 300)).count).toBe(1);
    expect((await store.hit('n', 300)).count).toBe(2);
    await sleep(450);
    const next = await store.hit('n', 300);
    expect(next.count).toBe(1);
    expect(next.resetMs).toBeGreaterThan(200);
    expect(next.resetMs).toBeLessThanOrEqual(300);
  });

  it('adjusts a counter without a window: from 0, up and down, kept until deleted', async () => {
    const store = fresh();
    expect(await store.adjust('n', 1)).toBe(1);
    expect(await store.adjust('n', 2)).toBe(3);
    expect(await store.adjust('n', -1)).toBe(2);
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => store.adjust('m', 1)));
    expect([...concurrent].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await store.get('n')).toBe('2');
    expect(await store.delete('n')).toBe(true);
    expect(await store.adjust('n', -1)).toBe(-1);
  });

  it('starts a window when a counter it hits has no expiry, so a count cannot stick for ever', async () => {
    const store = fresh();
    await store.set('n', '7');
    const hit = await store.hit('n', 300);
    expect(hit.count).toBe(8);
    expect(hit.resetMs).toBeLessThanOrEqual(300);
    await sleep(450);
    expect(await store.get('n')).toBeUndefined();
  });

  it('keeps scopes apart, and the same scope opened twice shares its data', async () => {
    const scope = `test:${randomUUID()}`;
    const a = factory.open(scope);
    const b = factory.open(`test:${randomUUID()}`);
    await a.set('k', 'in a');
    await b.set('k', 'in b');
    await a.increment('n', 10_000);
    expect(await a.get('k')).toBe('in a');
    expect(await b.get('k')).toBe('in b');
    expect(await b.increment('n', 10_000)).toBe(1);
    expect(await b.take('k')).toBe('in b');
    expect(await a.get('k')).toBe('in a');
    expect(await factory.open(scope).get('k')).toBe('in a');
    expect(await factory.open(scope).delete('k')).toBe(true);
    expect(await a.get('k')).toBeUndefined();
  });
});

describe('redis store: keys, URLs and outages', () => {
  let raw: Redis;
  beforeAll(() => {
    raw = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    await raw?.quit();
  });

  it('namespaces keys flowrt:<scope>:<key>, or with the prefix given, and sets real expiries', async () => {
    const scope = `test:${randomUUID()}`;
    const factory = new RedisStoreFactory(REDIS_URL);
    const other = new RedisStoreFactory(REDIS_URL, { prefix: 'other:' });
    try {
      await factory.open(scope).set('k', 'v', 5_000);
      await other.open(scope).set('k', 'w');
      await factory.open(scope).increment('n', 5_000);
      await factory.open(scope).hit('h', 5_000);
      expect(await raw.get(`flowrt:${scope}:k`)).toBe('v');
      expect(await raw.get(`flowrt:${scope}:h`)).toBe('1');
      expect(await raw.pttl(`flowrt:${scope}:h`)).toBeGreaterThan(4_000);
      expect(await raw.get(`other:${scope}:k`)).toBe('w');
      const ttl = await raw.pttl(`flowrt:${scope}:k`);
      expect(ttl).toBeGreaterThan(4_000);
      expect(ttl).toBeLessThanOrEqual(5_000);
      expect(await raw.pttl(`flowrt:${scope}:n`)).toBeGreaterThan(4_000);
      expect(await raw.pttl(`other:${scope}:k`)).toBe(-1);
    } finally {
      await raw.del(`flowrt:${scope}:k`, `flowrt:${scope}:n`, `flowrt:${scope}:h`, `other:${scope}:k`);
      await factory.close();
      await other.close();
    }
  });

  it('is what openStores gives for a URL; memory without one', async () => {
    const memory = await openStores(undefined);
    const redis = await openStores(REDIS_URL);
    try {
      expect(memory.kind).toBe('memory');
      expect(redis.kind).toBe('redis');
      const store = redis.open(`test:${randomUUID()}`);
      await store.set('k', 'v', 1_000);
      expect(await store.get('k')).toBe('v');
    } finally {
      await memory.close();
      await redis.close();
    }
  });

  it('connectRedis rejects within 5 s, naming the server and why, when nothing listens', async () => {
    const started = Date.now();
    const err = await connectRedis(`redis://${DEAD_PORT}`).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000); // generous: the point is that it does not wait for ever
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toBe(`cannot reach Redis at redis://${DEAD_PORT}: ECONNREFUSED`);
  });

  it.each([`redis://:${PASSWORD}@${DEAD_PORT}`, `redis://admin:${PASSWORD}@${DEAD_PORT}/2`])(
    'never shows the password of %s in errors or logs',
    async (url) => {
      const lines: string[] = [];
      const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
      const err = (await connectRedis(url, { log }).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect(err.message).toBe(`cannot reach Redis at redis://${DEAD_PORT}: ECONNREFUSED`);

      const factory = new RedisStoreFactory(url, { log });
      const opErr = (await factory
        .open('s')
        .get('k')
        .catch((e: unknown) => e)) as Error;
      await factory.close();
      expect(opErr).toBeInstanceOf(StoreUnavailableError);

      expect(lines.length).toBeGreaterThan(0);
      for (const text of [String(err), err.stack, String(opErr), opErr.stack, ...lines]) {
        expect(text).not.toContain(PASSWORD);
      }
    },
  );

  it('rejects an operation within ~2 s with StoreUnavailableError while Redis is down, instead of hanging', async () => {
    const factory = new RedisStoreFactory(`redis://:${PASSWORD}@${DEAD_PORT}`);
    try {
      const store = factory.open(`test:${randomUUID()}`);
      for (const op of [() => store.get('k'), () => store.set('k', 'v', 100), () => store.increment('n', 1_000), () => store.hit('n', 1_000)]) {
        const started = Date.now();
        const err = (await op().catch((e: unknown) => e)) as Error;
        expect(Date.now() - started).toBeLessThan(10_000); // generous: the point is that it does not hang
        expect(err).toBeInstanceOf(StoreUnavailableError);
        expect(err.message).toMatch(new RegExp(`^Redis at redis://${DEAD_PORT} is unavailable: `));
        expect(err.message).not.toContain(PASSWORD);
      }
    } finally {
      await factory.close();
    }
  });

  it('rejects operations after close, and closes twice without harm', async () => {
    const factory = await connectRedis(REDIS_URL);
    await factory.close();
    await factory.close();
    await expect(factory.open('s').get('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses a URL that is not redis:// without echoing it', () => {
    expect(() => new RedisStoreFactory(`http://:${PASSWORD}@host`)).toThrow(/scheme must be redis/);
    expect(() => new RedisStoreFactory(`not a url ${PASSWORD}`)).toThrow(/^invalid Redis URL/);
    try {
      new RedisStoreFactory(`not a url ${PASSWORD}`);
    } catch (err) {
      expect((err as Error).message).not.toContain(PASSWORD);
    }
  });
});
