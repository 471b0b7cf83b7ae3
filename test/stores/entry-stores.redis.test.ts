import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryStore, EntryStoreOptions } from '../../src/stores/entry-store.js';
import { MemoryStoreFactory } from '../../src/stores/memory-store.js';
import { connectRedis, RedisStoreFactory } from '../../src/stores/redis-store.js';
import type { StoreFactory } from '../../src/stores/store.js';
import { StoreUnavailableError } from '../../src/stores/store-error.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every scope of this run starts so, and its keys are removed after (entries without expiry would stay). */
const RUN = `test:${randomUUID()}`;
const scope = (): string => `${RUN}:${randomUUID()}`;

afterAll(async () => {
  const raw = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  const keys = [...(await raw.keys(`flowrt:{${RUN}:*`)), ...(await raw.keys(`flowrt:${RUN}:*`))];
  if (keys.length > 0) await raw.del(...keys);
  await raw.quit();
});

const kinds: [string, () => Promise<StoreFactory>][] = [
  ['memory', async () => new MemoryStoreFactory()],
  ['redis', () => connectRedis(REDIS_URL)],
];

describe.each(kinds)('%s entry store', (_kind, make) => {
  let factory: StoreFactory;
  /** A scope of its own for every test, so runs (and tests) never see each other's entries. */
  const fresh = (options?: EntryStoreOptions): EntryStore => factory.openEntries(scope(), options);

  beforeAll(async () => {
    factory = await make();
  });
  afterAll(async () => {
    await factory?.close();
  });

  it('gets what was put, overwrites, and answers undefined for a missing key', async () => {
    const store = fresh();
    expect(await store.get('k')).toBeUndefined();
    expect(await store.has('k')).toBe(false);
    await store.put('k', 'one');
    expect(await store.get('k')).toBe('one');
    expect(await store.has('k')).toBe(true);
    await store.put('k', '{"json":true}');
    expect(await store.get('k')).toBe('{"json":true}');
    await store.put('empty', '');
    expect(await store.get('empty')).toBe('');
    expect(await store.has('empty')).toBe(true);
  });

  it('takes any text as a key: colons, braces, spaces, non-ASCII', async () => {
    const store = fresh();
    const keys = ['a:b:c', '{tag}', 'with space', 'ключ', '*', ''];
    for (const k of keys) await store.put(k, `v-${k}`);
    for (const k of keys) expect(await store.get(k)).toBe(`v-${k}`);
    expect(await store.keys()).toEqual(keys);
  });

  it('forgets an entry after its ttl, keeps one without, and a rewrite starts the entry anew', async () => {
    const store = fresh();
    await store.put('short', 'v', 150);
    await store.put('kept', 'v');
    await store.put('renewed', 'v', 150);
    await store.put('renewed', 'w'); // a rewrite without a ttl keeps it
    expect(await store.get('short')).toBe('v');
    await sleep(300);
    expect(await store.get('short')).toBeUndefined();
    expect(await store.has('short')).toBe(false);
    expect(await store.get('kept')).toBe('v');
    expect(await store.get('renewed')).toBe('w');
    expect(await store.keys()).toEqual(['kept', 'renewed']);
  });

  it('goes by the latest write of each key through many rewrites', async () => {
    const store = fresh({ maxEntries: 100 });
    for (let i = 0; i < 1_500; i++) {
      await store.put('long', String(i), i % 2 === 0 ? 150 : 60_000); // the last write (odd) lives long
      await store.put('short', String(i), i % 2 === 0 ? 60_000 : 150); // the last write (odd) is brief
    }
    await sleep(300);
    expect(await store.get('long')).toBe('1499');
    expect(await store.get('short')).toBeUndefined();
    expect(await store.keys()).toEqual(['long']);
  });

  it('writes only when absent, and again once the entry has expired', async () => {
    const store = fresh();
    expect(await store.putIfAbsent('k', 'first', 150)).toBe(true);
    expect(await store.putIfAbsent('k', 'second', 150)).toBe(false);
    expect(await store.get('k')).toBe('first');
    await sleep(300);
    expect(await store.putIfAbsent('k', 'third')).toBe(true);
    expect(await store.putIfAbsent('k', 'fourth')).toBe(false);
    expect(await store.get('k')).toBe('third');
  });

  it('lets exactly one of many concurrent putIfAbsent win', async () => {
    const store = fresh();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.putIfAbsent('k', `v${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get('k')).toBe(`v${results.indexOf(true)}`);
  });

  it('deletes: true when there was a live entry, false when not', async () => {
    const store = fresh();
    expect(await store.delete('k')).toBe(false);
    await store.put('k', 'v');
    expect(await store.delete('k')).toBe(true);
    expect(await store.delete('k')).toBe(false);
    expect(await store.get('k')).toBeUndefined();
    await store.put('gone', 'v', 150);
    await sleep(300);
    expect(await store.delete('gone')).toBe(false);
    await store.put('x', 'v');
    const racing = await Promise.all(Array.from({ length: 10 }, () => store.delete('x')));
    expect(racing.filter(Boolean)).toEqual([true]);
  });

  it('lists live keys and entries oldest written first; a rewrite moves a key to the end', async () => {
    const store = fresh();
    await store.put('a', '1');
    await store.put('b', '2', 150);
    await store.put('c', '3');
    await store.put('a', '4');
    expect(await store.keys()).toEqual(['b', 'c', 'a']);
    expect(await store.entries()).toEqual([
      ['b', '2'],
      ['c', '3'],
      ['a', '4'],
    ]);
    expect(await store.size()).toBe(3);
    await sleep(300);
    expect(await store.keys()).toEqual(['c', 'a']);
    expect(await store.entries()).toEqual([
      ['c', '3'],
      ['a', '4'],
    ]);
    expect(await store.size()).toBe(2);
  });

  it('lists a store of many entries whole', async () => {
    const store = fresh();
    const n = 1_234;
    await Promise.all(Array.from({ length: n }, (_, i) => store.put(`k${i}`, String(i))));
    expect(await store.size()).toBe(n);
    const entries = await store.entries();
    expect(entries).toHaveLength(n);
    expect(new Map(entries).get('k1233')).toBe('1233');
    expect(new Set(await store.keys()).size).toBe(n);
  });

  it('clears one store, not another', async () => {
    const store = fresh();
    const other = fresh();
    await store.put('a', '1');
    await store.put('b', '2', 10_000);
    await other.put('a', 'kept');
    await store.clear();
    expect(await store.keys()).toEqual([]);
    expect(await store.size()).toBe(0);
    expect(await store.get('a')).toBeUndefined();
    expect(await other.get('a')).toBe('kept');
    await store.put('c', '3');
    expect(await store.keys()).toEqual(['c']);
  });

  it('keeps at most maxEntries, dropping the oldest written first', async () => {
    const store = fresh({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd']) await store.put(k, k);
    expect(await store.keys()).toEqual(['b', 'c', 'd']);
    await store.put('b', 'again'); // b is now the newest
    await store.put('e', 'e');
    expect(await store.keys()).toEqual(['d', 'b', 'e']);
    expect(await store.putIfAbsent('f', 'f')).toBe(true);
    expect(await store.keys()).toEqual(['b', 'e', 'f']);
    expect(await store.putIfAbsent('f', 'not written')).toBe(false);
    expect(await store.keys()).toEqual(['b', 'e', 'f']);
  });

  it('drops expired entries before it evicts live ones to stay within maxEntries', async () => {
    const store = fresh({ maxEntries: 2 });
    await store.put('old', 'v');
    await store.put('brief', 'v', 150);
    await sleep(300);
    await store.put('new', 'v');
    expect(await store.keys()).toEqual(['old', 'new']);
  });

  it('stays within maxEntries under concurrent writes', async () => {
    const store = fresh({ maxEntries: 5 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.put(`k${i}`, String(i))));
    expect(await store.size()).toBe(5);
    expect(await store.keys()).toHaveLength(5);
  });

  it('keeps scopes apart, and the same scope opened twice shares its entries', async () => {
    const name = scope();
    const a = factory.openEntries(name);
    const again = factory.openEntries(name, { maxEntries: 10 });
    const b = factory.openEntries(scope());
    await a.put('k', 'in a');
    await b.put('k', 'in b');
    expect(await again.get('k')).toBe('in a');
    expect(await b.get('k')).toBe('in b');
    expect(await again.delete('k')).toBe(true);
    expect(await a.get('k')).toBeUndefined();
  });

  it('keeps entry scopes apart from key-value ones of the same name', async () => {
    const name = scope();
    await factory.open(name).set('data', 'kv');
    await factory.openEntries(name).put('data', 'entry');
    expect(await factory.open(name).get('data')).toBe('kv');
    expect(await factory.openEntries(name).get('data')).toBe('entry');
  });
});

describe('redis entry store: keys, sharing, local stores and outages', () => {
  let raw: Redis;
  beforeAll(() => {
    raw = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    await raw?.quit();
  });

  it('keeps a store in three keys under one hash tag, which expire with its last expiring entry', async () => {
    const name = scope();
    const factory = await connectRedis(REDIS_URL);
    const base = `flowrt:{${name}}`;
    try {
      const store = factory.openEntries(name);
      await store.put('a', 'v', 5_000);
      expect(await raw.hget(`${base}:data`, 'a')).toBe('v');
      for (const key of ['data', 'expiry', 'order']) {
        const ttl = await raw.pttl(`${base}:${key}`);
        expect(ttl).toBeGreaterThan(4_000);
        expect(ttl).toBeLessThanOrEqual(5_000);
      }
      // An entry without expiry keeps the store.
      await store.put('b', 'v');
      expect(await raw.pttl(`${base}:data`)).toBe(-1);
      await store.delete('b');
      expect(await raw.pttl(`${base}:data`)).toBeGreaterThan(4_000);
      await store.clear();
      expect(await raw.exists(`${base}:data`, `${base}:expiry`, `${base}:order`)).toBe(0);
    } finally {
      await raw.del(`${base}:data`, `${base}:expiry`, `${base}:order`);
      await factory.close();
    }
  });

  it('shares entries between factories on the same Redis, as runtimes of one app share them', async () => {
    const name = scope();
    const one = await connectRedis(REDIS_URL);
    const two = await connectRedis(REDIS_URL);
    try {
      await one.openEntries(name).put('k', 'from one');
      expect(await two.openEntries(name).get('k')).toBe('from one');
      expect(await two.openEntries(name).putIfAbsent('k', 'from two')).toBe(false);
      expect(await two.openEntries(name).delete('k')).toBe(true);
      expect(await one.openEntries(name).has('k')).toBe(false);
    } finally {
      await one.openEntries(name).clear();
      await one.close();
      await two.close();
    }
  });

  it('rejects every operation with StoreUnavailableError while Redis is down, instead of hanging', async () => {
    const factory = new RedisStoreFactory('redis://127.0.0.1:1');
    try {
      const store = factory.openEntries(scope(), { maxEntries: 3 });
      const ops = [
        () => store.get('k'),
        () => store.has('k'),
        () => store.put('k', 'v', 100),
        () => store.putIfAbsent('k', 'v'),
        () => store.delete('k'),
        () => store.keys(),
        () => store.entries(),
        () => store.size(),
        () => store.clear(),
      ];
      const started = Date.now();
      const errors = await Promise.all(ops.map((op) => op().catch((e: unknown) => e)));
      expect(Date.now() - started).toBeLessThan(10_000); // generous: the point is that they do not hang
      for (const err of errors) expect(err).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await factory.close();
    }
  });
});
