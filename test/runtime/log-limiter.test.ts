import { afterEach, describe, expect, it } from 'vitest';
import { LogLimiter } from '../../src/runtime/log-limiter.js';
import { capturingLogger } from '../policies/jwt-validation/harness.js';

const limiters: LogLimiter[] = [];
afterEach(() => {
  for (const l of limiters.splice(0)) l.stop();
});

function setUp(options: { windowMs?: number; maxKeys?: number } = {}) {
  const clock = { now: 1_000_000 };
  const { log, lines } = capturingLogger();
  const limiter = new LogLimiter({ now: () => clock.now, ...options });
  limiters.push(limiter);
  const written = () => lines.map((l) => JSON.parse(l) as { msg: string; level: number; repeated?: number; apiId?: string });
  return { clock, log, limiter, written };
}

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('LogLimiter', () => {
  it('writes the first line, counts the repeats, and sums them up once the window is over', async () => {
    const { clock, log, limiter, written } = setUp();
    expect(limiter.error(log, 'no-keys', { apiId: 'orders-v1' }, 'no signing keys')).toBe(true);
    for (let i = 0; i < 2304; i++) expect(limiter.error(log, 'no-keys', { apiId: 'orders-v1' }, 'no signing keys')).toBe(false);
    expect(written()).toHaveLength(1);
    clock.now += 60_000;
    limiter.flush();
    expect(written()).toEqual([
      expect.objectContaining({ msg: 'no signing keys', level: 50, apiId: 'orders-v1' }),
      expect.objectContaining({ msg: 'no signing keys (repeated 2304 times in the last 60 s)', level: 50, apiId: 'orders-v1', repeated: 2304 }),
    ]);
  });

  it('under a steady flood writes one summary per window and no full line after the first', () => {
    const { clock, log, limiter, written } = setUp({ windowMs: 10_000 });
    for (let second = 0; second < 35; second++) {
      for (let i = 0; i < 10; i++) limiter.warn(log, 'k', {}, 'bad connection');
      clock.now += 1000;
    }
    limiter.flush();
    expect(written().map((l) => l.msg)).toEqual([
      'bad connection',
      'bad connection (repeated 99 times in the last 10 s)',
      'bad connection (repeated 100 times in the last 10 s)',
      'bad connection (repeated 100 times in the last 10 s)',
      'bad connection (repeated 50 times in the last 10 s)',
    ]);
    expect(written().reduce((n, l) => n + (l.repeated ?? 1), 0)).toBe(350);
  });

  it('writes a line in full again after a window without it, and nothing for a window without repeats', () => {
    const { clock, log, limiter, written } = setUp();
    limiter.warn(log, 'k', {}, 'once');
    clock.now += 60_000;
    expect(limiter.warn(log, 'k', {}, 'once')).toBe(true);
    clock.now += 120_001;
    limiter.warn(log, 'k', {}, 'once');
    limiter.warn(log, 'k', {}, 'once');
    clock.now += 200_000;
    expect(limiter.warn(log, 'k', {}, 'once')).toBe(true);
    expect(written().map((l) => l.msg)).toEqual(['once', 'once', 'once', 'once (repeated 1 time in the last 60 s)', 'once']);
  });

  it('follows each key on its own', () => {
    const { log, limiter, written } = setUp();
    for (let i = 0; i < 3; i++) {
      limiter.error(log, 'a', {}, 'IdP a down');
      limiter.error(log, 'b', {}, 'IdP b down');
    }
    limiter.flush();
    expect(written().map((l) => l.msg)).toEqual([
      'IdP a down',
      'IdP b down',
      'IdP a down (repeated 2 times in the last 60 s)',
      'IdP b down (repeated 2 times in the last 60 s)',
    ]);
  });

  it('follows at most maxKeys lines, summing up the oldest when it has to forget it', () => {
    const { log, limiter, written } = setUp({ maxKeys: 2 });
    for (const key of ['a', 'a', 'b', 'c']) limiter.warn(log, key, {}, key);
    expect(written().map((l) => l.msg)).toEqual(['a', 'b', 'a (repeated 1 time in the last 60 s)', 'c']);
    // "a" was forgotten: it is written in full again.
    expect(limiter.warn(log, 'a', {}, 'a')).toBe(true);
  });

  it('sums up with the real clock on a timer, which never keeps the process alive', async () => {
    const { log, lines } = capturingLogger();
    const limiter = new LogLimiter({ windowMs: 50 });
    limiters.push(limiter);
    const before = timeouts();
    limiter.warn(log, 'k', {}, 'flaky');
    limiter.warn(log, 'k', {}, 'flaky');
    expect(timeouts()).toBe(before);
    const started = Date.now();
    while (!lines.some((l) => l.includes('repeated 1 time'))) {
      if (Date.now() - started > 5000) throw new Error('no summary was written');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['flaky', 'flaky (repeated 1 time in the last 50 ms)']);
  });

  it('writes what is pending on stop, and keeps working after', () => {
    const { log, limiter, written } = setUp();
    limiter.warn(log, 'k', {}, 'x');
    limiter.warn(log, 'k', {}, 'x');
    limiter.stop();
    limiter.stop();
    expect(limiter.warn(log, 'k', {}, 'x')).toBe(true);
    expect(written().map((l) => l.msg)).toEqual(['x', 'x (repeated 1 time in the last 60 s)', 'x']);
  });
});
