import { describe, expect, it, vi } from 'vitest';
import { Refreshing } from '../../src/util/refreshing.js';

/** A Refreshing over a scripted source: each load takes the next outcome, recorded in `loads`. */
function harness(outcomes: Array<string | Error>, ttlMs = 1_000) {
  const clock = { now: 0 };
  const failures: Array<[string, boolean]> = [];
  let loads = 0;
  const pending: Array<() => void> = [];
  let hold = false;
  const value = new Refreshing<string>({
    load: async () => {
      const outcome = outcomes[loads++]!;
      if (hold) await new Promise<void>((resolve) => pending.push(resolve));
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    ttlMs,
    retryMs: (kept) => (kept ? 300 : 100),
    now: () => clock.now,
    failed: (e, kept) => failures.push([(e as Error).message, kept]),
  });
  return { clock, failures, value, loads: () => loads, hold: (on: boolean) => (hold = on), release: () => pending.splice(0).forEach((r) => r()) };
}

describe('Refreshing', () => {
  it('loads on first use and serves the value for its TTL without loading again', async () => {
    const h = harness(['v1', 'v2']);
    expect(await h.value.get()).toBe('v1');
    h.clock.now = 999;
    expect(await h.value.get()).toBe('v1');
    expect(h.loads()).toBe(1);
  });

  it('serves a stale value at once while a fresh one loads in the background', async () => {
    const h = harness(['v1', 'v2']);
    await h.value.get();
    h.clock.now = 1_000;
    h.hold(true);
    expect(await h.value.get()).toBe('v1');
    expect(h.loads()).toBe(2);
    h.release();
    await h.value.refresh();
    expect(await h.value.get()).toBe('v2');
  });

  it('gives undefined while no load has succeeded, and tries again only after retryMs', async () => {
    const h = harness([new Error('down'), new Error('still down'), 'v1']);
    expect(await h.value.get()).toBeUndefined();
    h.clock.now = 99;
    expect(await h.value.get()).toBeUndefined();
    expect(h.loads()).toBe(1);
    h.clock.now = 100;
    expect(await h.value.get()).toBeUndefined();
    h.clock.now = 200;
    expect(await h.value.get()).toBe('v1');
    expect(h.failures).toEqual([
      ['down', false],
      ['still down', false],
    ]);
  });

  it('keeps the last value when a refresh fails, and waits the kept-value retry', async () => {
    const h = harness(['v1', new Error('broken'), 'v2']);
    await h.value.get();
    h.clock.now = 1_000;
    await h.value.refresh();
    expect(h.failures).toEqual([['broken', true]]);
    h.clock.now = 1_299;
    expect(await h.value.get()).toBe('v1');
    expect(h.loads()).toBe(2);
    h.clock.now = 1_300;
    expect(await h.value.get()).toBe('v1');
    await vi.waitFor(() => expect(h.value.value).toBe('v2'));
    expect(h.loads()).toBe(3);
  });

  it('makes one load for callers arriving while one is under way', async () => {
    const h = harness(['v1']);
    h.hold(true);
    const callers = Promise.all([h.value.get(), h.value.get(), h.value.refresh().then(() => h.value.value)]);
    await new Promise((r) => setImmediate(r));
    h.release();
    expect(await callers).toEqual(['v1', 'v1', 'v1']);
    expect(h.loads()).toBe(1);
  });
});
