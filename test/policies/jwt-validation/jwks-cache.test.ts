import { afterEach, describe, expect, it } from 'vitest';
import { jwtValidation } from '../../../src/policies/jwt-validation/jwt-validation.js';
import { EARLY_CLOSE_BOUND } from '../../helpers/big-body.js';
import type { JwksServer, KeyPair, TestDeps } from './harness.js';
import { bearer, capturingLogger, closeClients, deps, eventually, jwksServer, keyPair, run, sign, verdict } from './harness.js';

const servers: JwksServer[] = [];
afterEach(async () => {
  await closeClients();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setUp(keys: KeyPair[], extra: Record<string, unknown> = {}, d: TestDeps = deps()) {
  const jwks = await jwksServer(keys.map((k) => k.jwk));
  servers.push(jwks);
  const policy = jwtValidation.create({ signingMethod: 'rsa', jwtKeyOrigin: 'jwks', jwksUrl: jwks.url, textKey: 'ignored with jwks', ...extra }, d);
  const call = async (k: KeyPair, claims = {}) => verdict(await run(policy, bearer(await sign(k, claims))));
  return { jwks, d, policy, call };
}

describe('jwt-validation: JWKS keys', () => {
  it('fetches the key set once, however many requests arrive together', async () => {
    const k = await keyPair('RS256');
    const { jwks, call } = await setUp([k]);
    const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => call(k, { jti: `t${i}` })));
    expect(verdicts.every((v) => v === 'ok')).toBe(true);
    expect(jwks.fetches()).toBe(1);
  });

  it('picks the key the token names among several, and one without kid when the set has one key of its kind', async () => {
    const a = await keyPair('RS256', 'a');
    const b = await keyPair('RS256', 'b');
    const { call } = await setUp([a, b]);
    expect(await call(b)).toBe('ok');
    expect(await call({ ...a, jwk: {} })).toBe('401 unknown signing key');
    const single = await setUp([a]);
    expect(await single.call({ ...a, jwk: {} })).toBe('ok');
  });

  it('picks up a rotated key when a token names an unknown kid, and drops the retired one', async () => {
    const first = await keyPair('RS256', 'k1');
    const second = await keyPair('RS256', 'k2');
    const { jwks, call } = await setUp([first]);
    expect(await call(first)).toBe('ok');
    jwks.keys = [second.jwk];
    expect(await call(second)).toBe('ok');
    expect(jwks.fetches()).toBe(2);
    expect(await call(first, { jti: 'after rotation' })).toBe('401 unknown signing key');
  });

  it('never fetches for a token whose algorithm is not allowed', async () => {
    const k = await keyPair('RS256');
    const { jwks, call } = await setUp([k]);
    expect(await call(await keyPair('HS256', 'bogus'))).toBe('401 signing algorithm not allowed');
    expect(await call(await keyPair('ES256', 'bogus'))).toBe('401 signing algorithm not allowed');
    expect(jwks.fetches()).toBe(0);
  });
});

describe('jwt-validation: JWKS refetch cooldown', () => {
  it('fetches at most once per 30 s cooldown under a flood of unknown kids', async () => {
    const k = await keyPair('RS256', 'real');
    const { jwks, d, call } = await setUp([k]);
    const bogus = (i: number): KeyPair => ({ ...k, jwk: { ...k.jwk, kid: `bogus-${i}` } });
    for (let i = 0; i < 25; i++) expect(await call(bogus(i))).toBe('401 unknown signing key');
    const together = await Promise.all(Array.from({ length: 25 }, (_, i) => call(bogus(25 + i))));
    expect(together.every((v) => v === '401 unknown signing key')).toBe(true);
    // The first use, then one for the first unknown kid; the cooldown holds off the other 49.
    expect(jwks.fetches()).toBe(2);
    d.clock.now += 29_000;
    await call(bogus(50));
    expect(jwks.fetches()).toBe(2);
    d.clock.now += 2_000;
    await call(bogus(51));
    await call(bogus(52));
    expect(jwks.fetches()).toBe(3);
    expect(await call(k)).toBe('ok');
  });
});

describe('jwt-validation: JWKS endpoint trouble', () => {
  it('refetches after the TTL in the background: the request is not held by a hanging endpoint', async () => {
    const k = await keyPair('RS256');
    const { jwks, d, call } = await setUp([k], { jwksServiceTimeToLive: 1, jwksServiceConnectionTimeout: 10_000 });
    expect(await call(k)).toBe('ok');
    jwks.mode.value = 'hang';
    d.clock.now += 61_000;
    const started = Date.now();
    expect(await call(k, { jti: 'during refetch' })).toBe('ok');
    // Well under the 10 s connection timeout: the request did not wait for the refetch.
    expect(Date.now() - started).toBeLessThan(5_000);
    await eventually(() => jwks.fetches() === 2);
  });

  it('keeps the last good key set when the endpoint fails after the TTL, and retries after the cooldown', async () => {
    const k = await keyPair('RS256');
    const { jwks, d, call } = await setUp([k], { jwksServiceTimeToLive: '1' });
    expect(await call(k)).toBe('ok');
    jwks.mode.value = 'fail';
    d.clock.now += 61_000;
    expect(await call(k, { jti: 'a' })).toBe('ok');
    await eventually(() => jwks.fetches() === 2);
    d.clock.now += 10_000;
    expect(await call(k, { jti: 'b' })).toBe('ok');
    d.clock.now += 21_000;
    expect(await call(k, { jti: 'c' })).toBe('ok');
    await eventually(() => jwks.fetches() === 3);
    expect(await call(k, { jti: 'd' })).toBe('ok');
    await new Promise((r) => setTimeout(r, 50));
    expect(jwks.fetches()).toBe(3);
  });

  it('answers 503 with a JSON body, never 200 nor 401, when no key set was ever fetched', async () => {
    const k = await keyPair('RS256');
    const { jwks, policy } = await setUp([k]);
    jwks.mode.value = 'fail';
    const out = await run(policy, bearer(await sign(k)));
    expect(out.response.status).toBe(503);
    expect(out.response.body).toEqual({ error: 'temporarily_unavailable', error_description: 'the token cannot be checked now' });
    expect(out.response.headers['retry-after']).toBe('5');
    expect(out.reachedFlow).toBe(false);
  });

  it('answers 503 within the connection timeout when the endpoint hangs', async () => {
    const k = await keyPair('RS256');
    const { jwks, call } = await setUp([k], { jwksServiceConnectionTimeout: 200 });
    jwks.mode.value = 'hang';
    const started = Date.now();
    expect(await call(k)).toBe('503 the token cannot be checked now');
    expect(Date.now() - started).toBeLessThan(5_000); // generous: without the timeout it would wait for ever
  });

  it('answers 503 for an answer that is no key set', async () => {
    const k = await keyPair('RS256');
    const { jwks, call } = await setUp([k]);
    jwks.mode.value = 'garbage';
    expect(await call(k)).toBe('503 the token cannot be checked now');
  });

  it('with no key set, waits 5 s after a failed fetch before the next, then recovers', async () => {
    const k = await keyPair('RS256');
    const { jwks, d, call } = await setUp([k]);
    jwks.mode.value = 'fail';
    expect(await call(k)).toBe('503 the token cannot be checked now');
    jwks.mode.value = 'ok';
    expect(await call(k)).toBe('503 the token cannot be checked now');
    expect(jwks.fetches()).toBe(1);
    d.clock.now += 5_000;
    expect(await call(k)).toBe('ok');
    expect(jwks.fetches()).toBe(2);
  });
});

describe('jwt-validation: a JWKS without a public signing key', () => {
  it.each([
    ['no keys', []],
    ['only an HMAC secret under the kid tokens name', [{ kty: 'oct', kid: 'k1', alg: 'HS256', k: 'cGxhbnRlZC1obWFjLXNlY3JldC0wMTIzNDU2Nzg5' }]],
    ['only an encryption key', [{ kty: 'RSA', kid: 'k1', use: 'enc', n: 'AQAB', e: 'AQAB' }]],
  ])('is a failed fetch (%s): 503 while no set was had, and never replaces the last good set', async (_what, bad) => {
    const k = await keyPair('RS256', 'k1');
    const { jwks, d, call } = await setUp([k]);
    jwks.keys = bad;
    // Before, an empty set was "keys known": every token 401 unknown signing key, retried only after 30 s.
    expect(await call(k)).toBe('503 the token cannot be checked now');
    jwks.keys = [k.jwk];
    d.clock.now += 5_000;
    expect(await call(k)).toBe('ok');
    jwks.keys = bad;
    expect(await call(await keyPair('RS256', 'k2'))).toBe('401 unknown signing key');
    expect(jwks.fetches()).toBe(3);
    expect(await call(k, { jti: 'after the refused refetch' })).toBe('ok');
  });
});

describe('jwt-validation: a JWKS endpoint answering too much', () => {
  const failures = (lines: string[]) =>
    lines.map((l) => JSON.parse(l) as { msg: string; reason?: string }).filter((l) => l.msg.startsWith('jwt-validation: JWKS fetch failed'));

  it.each([
    ['with Content-Length', 'huge'],
    ['chunked, without Content-Length', 'huge-chunked'],
  ] as const)('answers 503 to a 200 MB key set (%s) as to an unreachable one, cut off early, while other requests go on', async (_what, mode) => {
    const { log, lines } = capturingLogger();
    const k = await keyPair('RS256');
    const { jwks, call } = await setUp([k], {}, deps({ log }));
    jwks.mode.value = mode;
    const hmac = await keyPair('HS256');
    const cheap = jwtValidation.create({ signingMethod: 'hmac', textKey: hmac.publicPem }, deps());
    const [big, other] = await Promise.all([call(k), (async () => verdict(await run(cheap, bearer(await sign(hmac)))))()]);
    expect(big).toBe('503 the token cannot be checked now');
    expect(other).toBe('ok');
    const streamed = await jwks.streamed[0]!;
    expect(streamed.finished).toBe(false);
    expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
    expect(failures(lines)).toEqual([expect.objectContaining({ reason: expect.stringContaining('response body larger than 1048576 bytes') })]);
  });

  it('keeps the last good key set when a refetch is too large: its keys pass, an unknown kid is 401', async () => {
    const k = await keyPair('RS256', 'k1');
    const { jwks, call } = await setUp([k]);
    expect(await call(k)).toBe('ok');
    jwks.mode.value = 'huge-chunked';
    expect(await call(await keyPair('RS256', 'k2'))).toBe('401 unknown signing key');
    expect(jwks.fetches()).toBe(2);
    expect((await jwks.streamed[0]!).finished).toBe(false);
    expect(await call(k, { jti: 'after the refused refetch' })).toBe('ok');
  });
});

describe('jwt-validation: logging while no keys are available', () => {
  it('writes a handful of lines for 2,300 refused requests, the repeats summed up when the window ends', async () => {
    const { log, lines } = capturingLogger();
    const k = await keyPair('RS256');
    const { jwks, d, policy } = await setUp([k], {}, deps({ log }));
    jwks.mode.value = 'fail';
    const token = await sign(k);
    for (let i = 0; i < 2300; i++) expect((await run(policy, bearer(token), { log })).response.status).toBe(503);
    d.clock.now += 60_000;
    expect((await run(policy, bearer(token), { log })).response.status).toBe(503);
    await policy.stop?.();
    const written = lines.map((l) => JSON.parse(l) as { msg: string; level: number; repeated?: number; apiId?: string });
    expect(written.length).toBeLessThanOrEqual(6);
    const refusals = written.filter((l) => l.msg.startsWith('jwt-validation: the token cannot be checked'));
    expect(refusals).toEqual([
      expect.objectContaining({ msg: 'jwt-validation: the token cannot be checked, answering 503', level: 50, apiId: 'orders-v1' }),
      expect.objectContaining({ msg: 'jwt-validation: the token cannot be checked, answering 503 (repeated 2299 times in the last 60 s)', repeated: 2299 }),
      // The request after the window opened the next one; stop writes what it counted.
      expect.objectContaining({ msg: 'jwt-validation: the token cannot be checked, answering 503 (repeated 1 time in the last 60 s)', repeated: 1 }),
    ]);
  });
});
