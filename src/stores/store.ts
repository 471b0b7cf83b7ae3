import type { EntryStore, EntryStoreOptions } from './entry-store.js';

/**
 * A key-value store with expiry: what the OAuth provider keeps tokens, codes and clients in, and
 * what rate limiters count in. Values are strings (callers store JSON). One interface, two
 * kinds: memory (one process, the default) and Redis (`--redis URL`: shared by every runtime
 * that names the same server, and surviving restarts).
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` undefined: kept until deleted. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when the key is absent; true if it did. */
  add(key: string, value: string, ttlMs?: number): Promise<boolean>;
  /** Reads and deletes at once: of callers racing for a key, at most one gets its value (single-use codes). */
  take(key: string): Promise<string | undefined>;
  /** True if there was a key. */
  delete(key: string): Promise<boolean>;
  /** Adds 1 and returns the count; the first increment starts a window of `windowMs` after which the count is gone. */
  increment(key: string, windowMs: number): Promise<number>;
  /**
   * `increment`, and how long the window has left: `resetMs` is the time until the count is gone
   * (at most `windowMs`, at least 1). The same counter as `increment` for the same key; atomic,
   * so a rate limiter can tell clients when to come back (`X-RateLimit-Reset`, `Retry-After`).
   *
   * @example
   * const { count, resetMs } = await store.hit('client-7', 60_000); // { count: 1, resetMs: 60000 }
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /**
   * Adds `delta` (negative to subtract) to a counter that has no window, and returns the new
   * value: for counts of things that last, such as the clients registration created. A missing
   * key counts from 0; an existing key keeps whatever expiry it has.
   *
   * @example
   * await store.adjust('registered-clients', 1); // 1
   * await store.adjust('registered-clients', -1); // 0
   */
  adjust(key: string, delta: number): Promise<number>;
}

/** Opens stores by scope; a runtime has one factory, shared by its apps and their reloads. */
export interface StoreFactory {
  readonly kind: 'memory' | 'redis';
  /** The store of `scope` (e.g. `orders:oauth2:tokens`): the same scope gives the same data. */
  open(scope: string): KeyValueStore;
  /**
   * The listable store of `scope` (Mule's object stores): the same scope gives the same entries,
   * whatever `options` (they bound what this handle writes). Entry scopes are apart from `open`'s.
   */
  openEntries(scope: string, options?: EntryStoreOptions): EntryStore;
  close(): Promise<void>;
}
