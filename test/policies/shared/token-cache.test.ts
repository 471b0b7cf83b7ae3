import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../../src/policies/shared/token-cache.js';

function cache(max = 3) {
  const clock = { now: 1_000_000 };
  return { clock, cache: new TokenCache<string>(() => clock.now, max) };
}

describe('TokenCache', () => {
  it('serves an entry until its end and not a moment after', () => {
    const { clock, cache: c } = cache();
    c.set('t', 'ann', clock.now + 1000);
    clock.now += 999;
    expect(c.get('t')).toBe('ann');
    clock.now += 1;
    expect(c.get('t')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('does not keep an entry whose end has already passed', () => {
    const { clock, cache: c } = cache();
    c.set('t', 'ann', clock.now);
    c.set('u', 'bob', clock.now - 1);
    expect(c.size).toBe(0);
    expect(c.get('t')).toBeUndefined();
  });

  it('keeps at most max entries, dropping the least recently used first', () => {
    const { clock, cache: c } = cache(3);
    for (const t of ['a', 'b', 'c']) c.set(t, t, clock.now + 60_000);
    expect(c.get('a')).toBe('a');
    c.set('d', 'd', clock.now + 60_000);
    expect(c.size).toBe(3);
    expect(c.get('b')).toBeUndefined();
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual(['a', 'c', 'd']);
  });

  it('stays bounded under a flood of distinct tokens', () => {
    const { clock, cache: c } = cache(100);
    for (let i = 0; i < 10_000; i++) c.set(`token-${i}`, 'x', clock.now + 60_000);
    expect(c.size).toBe(100);
    expect(c.get('token-9999')).toBe('x');
    expect(c.get('token-0')).toBeUndefined();
  });

  it('keys entries by 64-character digests, however long the token', () => {
    const { clock, cache: c } = cache(100);
    const filler = 't'.repeat(60 * 1024);
    for (let i = 0; i < 10_000; i++) c.set(`${i}${filler}`, 'x', clock.now + 60_000);
    expect(c.size).toBe(100);
    expect([...c.keys()].every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(c.get(`9999${filler}`)).toBe('x');
    expect(c.get(`0${filler}`)).toBeUndefined();
  });

  it('replaces an entry set again, with its new end', () => {
    const { clock, cache: c } = cache();
    c.set('t', 'old', clock.now + 1000);
    c.set('t', 'new', clock.now + 5000);
    clock.now += 2000;
    expect(c.get('t')).toBe('new');
    expect(c.size).toBe(1);
  });

  it('keeps nothing when max is 0, and forgets everything on clear', () => {
    const { clock, cache: none } = cache(0);
    none.set('t', 'ann', clock.now + 1000);
    expect(none.get('t')).toBeUndefined();
    const { cache: c } = cache();
    c.set('t', 'ann', clock.now + 1000);
    c.clear();
    expect(c.get('t')).toBeUndefined();
  });
});
