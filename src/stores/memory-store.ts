import type { KeyValueStore, StoreFactory } from './store.js';
import type { ScopeLimits, StoreUsage } from './memory-scope.js';
import { MemoryScope } from './memory-scope.js';
import type { EntryStore, EntryStoreOptions } from './entry-store.js';
import { MemoryEntries, MemoryEntryStore } from './memory-entries.js';

export type { ScopeLimits, StoreUsage } from './memory-scope.js';

/**
 * Expiring entries one scope keeps at most, by count and by characters (keys and values). Request
 * data reaches the stores as expiring entries (failure counters, pending sign-ins, codes, quota
 * counters): these caps are what keeps a flood of distinct requests from growing a process
 * without bound. 100,000 entries or 64 Mi characters is far beyond what a single node serves in a
 * window, and a few tens of megabytes per scope at worst.
 */
export const DEFAULT_SCOPE_LIMITS: ScopeLimits = { maxEntries: 100_000, maxChars: 64 * 1024 * 1024 };

/**
 * One process's stores: Maps with expiry, swept now and then so expired keys do not pile up.
 * Each scope keeps at most {@link DEFAULT_SCOPE_LIMITS} of expiring entries, the oldest written
 * dropped first when a new one would pass them; entries without expiry (clients, the signing
 * key) are never dropped, and nothing a request sends is kept without an expiry. Entry stores
 * (`openEntries`) hold what the app chose to keep, bounded as it says (maxEntries, expiry).
 */
export class MemoryStoreFactory implements StoreFactory {
  readonly kind = 'memory';
  private readonly scopes = new Map<string, MemoryScope>();
  /** Entry stores are bounded by their own maxEntries only, as Mule's object stores are. */
  private readonly entryScopes = new Map<string, MemoryEntries>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly limits: ScopeLimits;

  constructor(
    private readonly now: () => number = Date.now,
    limits: Partial<ScopeLimits> = {},
  ) {
    this.limits = { ...DEFAULT_SCOPE_LIMITS, ...limits };
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  open(scope: string): KeyValueStore {
    let data = this.scopes.get(scope);
    if (!data) this.scopes.set(scope, (data = new MemoryScope(this.limits, this.now)));
    return new MemoryStore(data);
  }

  openEntries(scope: string, options: EntryStoreOptions = {}): EntryStore {
    let data = this.entryScopes.get(scope);
    if (!data) this.entryScopes.set(scope, (data = new MemoryEntries(this.now)));
    return new MemoryEntryStore(data, options);
  }

  /**
   * What the scopes whose names start with `scopePrefix` hold (every scope by default), expired
   * entries not yet swept included: they take memory all the same.
   *
   * @example
   * factory.usage('orders:oauth2:'); // { entries: 12, chars: 2304, evicted: 0 }
   */
  usage(scopePrefix = ''): StoreUsage {
    const total = { entries: 0, chars: 0, evicted: 0 };
    for (const [name, data] of this.scopes) {
      if (!name.startsWith(scopePrefix)) continue;
      const u = data.usage();
      total.entries += u.entries;
      total.chars += u.chars;
      total.evicted += u.evicted;
    }
    return total;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    for (const data of this.scopes.values()) data.sweep();
    for (const data of this.entryScopes.values()) data.sweep();
  }
}

class MemoryStore implements KeyValueStore {
  constructor(private readonly data: MemoryScope) {}

  async get(key: string): Promise<string | undefined> {
    return this.data.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.data.put(key, value, this.data.expiry(ttlMs));
  }

  async add(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.data.live(key)) return false;
    this.data.put(key, value, this.data.expiry(ttlMs));
    return true;
  }

  async take(key: string): Promise<string | undefined> {
    const entry = this.data.live(key);
    this.data.drop(key);
    return entry?.value;
  }

  async delete(key: string): Promise<boolean> {
    const had = this.data.live(key) !== undefined;
    this.data.drop(key);
    return had;
  }

  async increment(key: string, windowMs: number): Promise<number> {
    return (await this.hit(key, windowMs)).count;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const entry = this.data.live(key);
    const count = entry ? Number(entry.value) + 1 : 1;
    // As on Redis: a counter found without an expiry starts its window now, so it cannot stick for ever.
    const expires = entry && entry.expires !== Infinity ? entry.expires : this.data.expiry(windowMs);
    this.data.put(key, String(count), expires);
    return { count, resetMs: Math.max(1, expires - this.data.now()) };
  }

  async adjust(key: string, delta: number): Promise<number> {
    const entry = this.data.live(key);
    const value = (entry ? Number(entry.value) : 0) + delta;
    // As Redis's INCRBY: the key keeps its expiry, if it has one.
    this.data.put(key, String(value), entry?.expires ?? Infinity);
    return value;
  }
}
