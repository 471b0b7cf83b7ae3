import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE_LIMITS, MemoryStoreFactory } from '../../src/stores/memory-store.js';

/** A factory on a hand-moved clock, with small limits. */
function stores(limits: { maxEntries?: number; maxChars?: number } = {}) {
  const clock = { now: 1_000_000 };
  return { clock, factory: new MemoryStoreFactory(() => clock.now, limits) };
}

describe('memory store limits', () => {
  it('keeps at most maxEntries expiring entries per scope, dropping the oldest written first', async () => {
    const { factory } = stores({ maxEntries: 100 });
    const store = factory.open('s');
    for (let i = 0; i < 10_000; i++) await store.increment(`fail:${i}`, 60_000);
    expect(factory.usage('s')).toMatchObject({ entries: 100, evicted: 9_900 });
    expect(await store.get('fail:0')).toBeUndefined();
    expect(await store.get('fail:9999')).toBe('1');
    await factory.close();
  });

  it('keeps at most maxChars characters of expiring keys and values per scope', async () => {
    const { factory } = stores({ maxChars: 10_000 });
    const store = factory.open('s');
    for (let i = 0; i < 1_000; i++) await store.set(`req:${String(i).padStart(4, '0')}`, 'x'.repeat(992), 600_000);
    const { entries, chars } = factory.usage('s');
    expect(chars).toBeLessThanOrEqual(10_000);
    expect(entries).toBe(10);
    expect(await store.get('req:0999')).toBe('x'.repeat(992));
    await factory.close();
  });

  it('never drops entries without an expiry to make room, nor counts them against the limits', async () => {
    const { factory } = stores({ maxEntries: 10 });
    const store = factory.open('s');
    for (let i = 0; i < 20; i++) await store.set(`client:${i}`, 'kept');
    for (let i = 0; i < 100; i++) await store.set(`code:${i}`, 'v', 60_000);
    expect(factory.usage('s').entries).toBe(30);
    for (let i = 0; i < 20; i++) expect(await store.get(`client:${i}`)).toBe('kept');
    await factory.close();
  });

  it('drops an expired entry in the way without counting it as evicted', async () => {
    const { clock, factory } = stores({ maxEntries: 3 });
    const store = factory.open('s');
    await store.set('short', 'v', 1_000);
    await store.set('long-1', 'v', 60_000);
    await store.set('long-2', 'v', 60_000);
    clock.now += 2_000;
    await store.set('new', 'v', 60_000);
    expect(factory.usage('s')).toMatchObject({ entries: 3, evicted: 0 });
    expect(await store.get('long-1')).toBe('v');
    await factory.close();
  });

  it('keeps scopes apart: a flood in one drops nothing of another', async () => {
    const { factory } = stores({ maxEntries: 5 });
    const tokens = factory.open('app:oauth2:oauth:tokens');
    await tokens.set('at:1', 'record', 60_000);
    const failures = factory.open('app:oauth2:oauth:client-failures');
    for (let i = 0; i < 1_000; i++) await failures.increment(`fail:${i}`, 60_000);
    expect(await tokens.get('at:1')).toBe('record');
    expect(factory.usage('app:oauth2:oauth:client-failures').entries).toBe(5);
    expect(factory.usage('app:oauth2:').entries).toBe(6);
    await factory.close();
  });

  it('reports what it holds: entries and the characters of their keys and values, taken and deleted ones gone', async () => {
    const { factory } = stores();
    const store = factory.open('s');
    await store.set('ab', '1234', 60_000);
    await store.set('cd', '56');
    await store.increment('e', 60_000);
    expect(factory.usage('s')).toEqual({ entries: 3, chars: 2 + 4 + 2 + 2 + 1 + 1, evicted: 0 });
    await store.take('ab');
    await store.delete('cd');
    await store.set('e', 'xyz', 60_000);
    expect(factory.usage('s')).toEqual({ entries: 1, chars: 4, evicted: 0 });
    expect(factory.usage('other')).toEqual({ entries: 0, chars: 0, evicted: 0 });
    await factory.close();
  });

  it('defaults to 100,000 entries and 64 Mi characters per scope', () => {
    expect(DEFAULT_SCOPE_LIMITS).toEqual({ maxEntries: 100_000, maxChars: 64 * 1024 * 1024 });
  });
});
