import { describe, expect, it, vi } from 'vitest';
import { jwtValidation, MAX_AGE_MS } from '../../../src/policies/jwt-validation/jwt-validation.js';
import { TokenCache } from '../../../src/policies/shared/token-cache.js';
import { bearer, deps, keyPair, run, sign, verdict } from './harness.js';

// Counts signature verifications: the policy's calls to jose's jwtVerify.
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('jose', async (importOriginal) => {
  const jose = await importOriginal<typeof import('jose')>();
  const jwtVerify = ((...args: Parameters<typeof jose.jwtVerify>) => {
    verifications.count++;
    return jose.jwtVerify(...args);
  }) as typeof jose.jwtVerify;
  return { ...jose, jwtVerify };
});

describe('jwt-validation: verified-token cache', () => {
  it('verifies a token once, then answers from the cache', async () => {
    const k = await keyPair('RS256');
    const policy = jwtValidation.create({ textKey: k.publicPem }, deps());
    const token = await sign(k);
    verifications.count = 0;
    for (let i = 0; i < 5; i++) expect(verdict(await run(policy, bearer(token)))).toBe('ok');
    expect(verifications.count).toBe(1);
    expect(verdict(await run(policy, bearer(await sign(k, { jti: 'another' }))))).toBe('ok');
    expect(verifications.count).toBe(2);
  });

  it('gives every cache hit the claims and claimsToHeaders', async () => {
    const k = await keyPair('HS256');
    const policy = jwtValidation.create({ signingMethod: 'hmac', textKey: k.publicPem, claimsToHeaders: [{ claimName: 'sub', headerName: 'x-user' }] }, deps());
    const token = await sign(k);
    await run(policy, bearer(token));
    const hit = await run(policy, bearer(token));
    expect(hit.ctx.vars.claimSet).toMatchObject({ sub: 'ann' });
    expect(hit.ctx.addedHeaders).toEqual({ 'x-user': 'ann' });
  });

  it('does not keep a token past its exp: it is checked again, and refused', async () => {
    const k = await keyPair('ES256');
    const d = deps();
    const policy = jwtValidation.create({ signingMethod: 'es', textKey: k.publicPem }, d);
    const token = await sign(k, { exp: Math.floor(d.clock.now / 1000) + 120 });
    expect(verdict(await run(policy, bearer(token)))).toBe('ok');
    d.clock.now += 119_000;
    verifications.count = 0;
    expect(verdict(await run(policy, bearer(token)))).toBe('ok');
    expect(verifications.count).toBe(0);
    d.clock.now += 2_000;
    expect(verdict(await run(policy, bearer(token)))).toBe('401 token expired');
    expect(verifications.count).toBe(1);
  });

  it('keeps a token for its clockSkew past exp, no longer', async () => {
    const k = await keyPair('HS256');
    const d = deps();
    const policy = jwtValidation.create({ signingMethod: 'hmac', textKey: k.publicPem, clockSkew: 30 }, d);
    const token = await sign(k, { exp: Math.floor(d.clock.now / 1000) + 10 });
    expect(verdict(await run(policy, bearer(token)))).toBe('ok');
    d.clock.now += 35_000;
    expect(verdict(await run(policy, bearer(token)))).toBe('ok');
    d.clock.now += 10_000;
    expect(verdict(await run(policy, bearer(token)))).toBe('401 token expired');
  });

  it('checks a long-lived token again after five minutes', async () => {
    const k = await keyPair('HS256');
    const d = deps();
    const policy = jwtValidation.create({ signingMethod: 'hmac', textKey: k.publicPem }, d);
    const token = await sign(k, { exp: undefined });
    await run(policy, bearer(token));
    verifications.count = 0;
    d.clock.now += MAX_AGE_MS - 1;
    await run(policy, bearer(token));
    expect(verifications.count).toBe(0);
    d.clock.now += 1;
    expect(verdict(await run(policy, bearer(token)))).toBe('ok');
    expect(verifications.count).toBe(1);
  });

  it('does not cache refusals: a token failing its claims is checked each time', async () => {
    const k = await keyPair('HS256');
    const policy = jwtValidation.create({ signingMethod: 'hmac', textKey: k.publicPem, validateAudClaim: true, supportedAudiences: 'x' }, deps());
    const token = await sign(k, { aud: 'y' });
    verifications.count = 0;
    for (let i = 0; i < 3; i++) expect(verdict(await run(policy, bearer(token)))).toBe('401 audience not allowed');
    expect(verifications.count).toBe(3);
  });
});

describe('TokenCache', () => {
  it('holds at most 10,000 tokens, dropping the oldest first', () => {
    const cache = new TokenCache<number>(() => 0);
    for (let i = 0; i <= 10_000; i++) cache.set(`t${i}`, i, 60_000);
    expect(cache.size).toBe(10_000);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t1')).toBe(1);
    expect(cache.get('t10000')).toBe(10_000);
  });

  it('keeps nothing already expired, and forgets an entry at its expiry', () => {
    const clock = { now: 1_000 };
    const cache = new TokenCache<string>(() => clock.now, 10);
    cache.set('gone', 'x', 1_000);
    expect(cache.size).toBe(0);
    cache.set('t', 'claims', 2_000);
    clock.now = 1_999;
    expect(cache.get('t')).toBe('claims');
    clock.now = 2_000;
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its max under 10,001 distinct huge tokens, keyed by 64-character digests', () => {
    const cache = new TokenCache<number>(() => 0, 1_000);
    const filler = 'x'.repeat(60 * 1024);
    for (let i = 0; i <= 10_000; i++) cache.set(`${i}.${filler}`, i, 60_000);
    expect(cache.size).toBe(1_000);
    const keys = [...cache.keys()];
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(cache.get(`10000.${filler}`)).toBe(10_000);
  });

  it('counts a token set again once', () => {
    const cache = new TokenCache<number>(() => 0, 2);
    cache.set('a', 1, 10);
    cache.set('a', 2, 10);
    cache.set('b', 3, 10);
    expect([cache.size, cache.get('a'), cache.get('b')]).toEqual([2, 2, 3]);
  });
});
