/**
 * A store of entries that can be listed and cleared, each with its own expiry, bounded by a
 * number of entries: what Mule's object stores are (the Object Store connector's `os:*`).
 * Values are text; what a value becomes as text is the caller's business (util/value-codec.ts).
 * One interface, two adapters that pass one conformance suite (test/stores/entry-stores.redis.test.ts):
 * memory (one process) and Redis (shared by every runtime that names the server, surviving
 * restarts; expiry exact to the millisecond by the server's clock).
 *
 * @example
 * const store = stores.openEntries('orders:os:tokens', { maxEntries: 100 });
 * await store.put('alice', '"t0k3n"', 60_000); // gone after a minute, or once 100 newer ones are written
 */
export interface EntryStore {
  /** The value of `key`, unless there is none or it has expired. */
  get(key: string): Promise<string | undefined>;
  has(key: string): Promise<boolean>;
  /**
   * Writes `key`, replacing what it held: the entry is new, so its expiry (`ttlMs`, undefined for
   * none) and its age (which entry is evicted first) start now.
   */
  put(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Writes `key` only when it holds nothing live; true if it did. Atomic: of racing callers, one wins. */
  putIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  /** True if there was a live entry. */
  delete(key: string): Promise<boolean>;
  /** Live keys, oldest written first. */
  keys(): Promise<string[]>;
  /** Live entries, oldest written first. */
  entries(): Promise<Array<[string, string]>>;
  size(): Promise<number>;
  clear(): Promise<void>;
}

export interface EntryStoreOptions {
  /**
   * Most entries kept: a write that passes it drops the oldest written entries, in the same atomic
   * step (Mule's maxEntries, which its reaper applies later). Undefined: no bound.
   */
  readonly maxEntries?: number;
}
