import { createHash } from 'node:crypto';
import type { KeyValueStore } from '../../stores/store.js';
import type { NamedLimit } from './limits.js';

/** One limit's window after a request was counted in it. */
export interface WindowState {
  readonly limit: NamedLimit;
  readonly count: number;
  /** ms until the window is over and the count starts again. */
  readonly resetMs: number;
}

export interface Verdict {
  /** True when every window's count is within its quota. */
  readonly allowed: boolean;
  readonly windows: readonly WindowState[];
}

/** Longer selector values are hashed, so a huge header does not make a huge key. */
const MAX_KEY = 128;

/**
 * Counts a request in the window of every limit for `key` (Anypoint: one algorithm per limit,
 * every one must have quota left). Windows are fixed and start at a key's first request; each
 * limit has its own counter, keyed by its position and length, so that an edited limit does not
 * inherit another's count. A refused request is counted too: a client that keeps calling over
 * its quota stays refused until the window ends.
 */
export async function countRequest(store: KeyValueStore, key: string, limits: readonly NamedLimit[]): Promise<Verdict> {
  const bucket = key.length > MAX_KEY ? `#${createHash('sha256').update(key).digest('base64url')}` : key;
  const windows = await Promise.all(
    limits.map(async (limit, i) => {
      const { count, resetMs } = await store.hit(`${i}:${limit.timePeriodInMilliseconds}:${bucket}`, limit.timePeriodInMilliseconds);
      return { limit, count, resetMs };
    }),
  );
  return { allowed: windows.every((w) => w.count <= w.limit.maximumRequests), windows };
}
