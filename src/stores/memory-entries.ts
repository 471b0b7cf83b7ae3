import type { EntryStore, EntryStoreOptions } from './entry-store.js';
import { ExpiryHeap } from './expiry-heap.js';

interface Held {
  readonly value: string;
  /** Epoch ms; Infinity for no expiry. */
  readonly expires: number;
}

/**
 * The entries of one memory entry-store scope. A Map keeps insertion order, and a write deletes
 * before it sets, so iteration order is write order: the first entry is the one to evict. Expired
 * entries are found by an {@link ExpiryHeap}, so that a store at its bound does not look at every
 * entry on every write.
 */
export class MemoryEntries {
  private readonly held = new Map<string, Held>();
  private readonly expiring = new ExpiryHeap();

  constructor(readonly now: () => number) {}

  live(key: string): Held | undefined {
    const entry = this.held.get(key);
    if (entry && entry.expires <= this.now()) {
      this.held.delete(key);
      return undefined;
    }
    return entry;
  }

  write(key: string, value: string, ttlMs: number | undefined, maxEntries: number | undefined): void {
    // As on Redis: expired entries go first, so that they never count against the bound.
    this.sweep();
    const expires = ttlMs === undefined ? Infinity : this.now() + Math.max(1, ttlMs);
    this.held.delete(key);
    this.held.set(key, { value, expires });
    if (expires !== Infinity) this.expiring.push(expires, key);
    if (maxEntries === undefined) return;
    for (const oldest of this.held.keys()) {
      if (this.held.size <= maxEntries) break;
      this.held.delete(oldest);
    }
  }

  delete(key: string): boolean {
    const had = this.live(key) !== undefined;
    this.held.delete(key);
    return had;
  }

  /** Live entries in write order. */
  list(): Array<[string, string]> {
    this.sweep();
    return [...this.held].map(([k, e]) => [k, e.value]);
  }

  count(): number {
    this.sweep();
    return this.held.size;
  }

  clear(): void {
    this.held.clear();
    this.expiring.clear();
  }

  /** Drops the entries that have expired; a slot whose key was since rewritten or deleted is let go. */
  sweep(): void {
    for (const { at, key } of this.expiring.due(this.now())) if (this.held.get(key)?.expires === at) this.held.delete(key);
    if (this.expiring.size > 2 * this.held.size + 1_024) this.expiring.compact((at, key) => this.held.get(key)?.expires === at);
  }
}

/** An {@link EntryStore} over one scope's {@link MemoryEntries}. */
export class MemoryEntryStore implements EntryStore {
  constructor(
    private readonly data: MemoryEntries,
    private readonly options: EntryStoreOptions,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.data.live(key)?.value;
  }

  async has(key: string): Promise<boolean> {
    return this.data.live(key) !== undefined;
  }

  async put(key: string, value: string, ttlMs?: number): Promise<void> {
    this.data.write(key, value, ttlMs, this.options.maxEntries);
  }

  async putIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.data.live(key)) return false;
    this.data.write(key, value, ttlMs, this.options.maxEntries);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.data.delete(key);
  }

  async keys(): Promise<string[]> {
    return this.data.list().map(([k]) => k);
  }

  async entries(): Promise<Array<[string, string]>> {
    return this.data.list();
  }

  async size(): Promise<number> {
    return this.data.count();
  }

  async clear(): Promise<void> {
    this.data.clear();
  }
}
