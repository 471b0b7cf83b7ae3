import { describe, expect, it, vi } from 'vitest';
import { withTimeout } from '../../src/util/with-timeout.js';

describe('withTimeout', () => {
  it('gives the outcome of work that settles in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, () => new Error('late'))).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('broken')), 1_000, () => new Error('late'))).rejects.toThrow('broken');
  });

  it('rejects with what timedOut makes once the time has passed', async () => {
    vi.useFakeTimers();
    try {
      const answer = withTimeout(new Promise(() => undefined), 500, () => new RangeError('no answer within 500 ms'));
      const seen = answer.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(499);
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      const error = await seen;
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toBe('no answer within 500 ms');
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears its timer as soon as the work settles', async () => {
    vi.useFakeTimers();
    try {
      await withTimeout(Promise.resolve('done'), 60_000, () => new Error('late'));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
