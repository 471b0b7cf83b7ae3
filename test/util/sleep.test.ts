import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';

describe('sleep', () => {
  it('waits about the time asked', async () => {
    const started = performance.now();
    await sleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects with the reason as soon as the signal aborts', async () => {
    const abort = new AbortController();
    const started = performance.now();
    const waiting = sleep(10_000, abort.signal);
    setTimeout(() => abort.abort(new Error('client left')), 10);
    await expect(waiting).rejects.toThrow('client left');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects at once for a signal already aborted', async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });

  it('resolves when the signal never aborts', async () => {
    await expect(sleep(5, new AbortController().signal)).resolves.toBeUndefined();
  });
});
