import type { KeyValueStore, StoreFactory } from './store.js';

interface Entry {
  value: string;
  /** Epoch ms; Infinity for no expiry. */
  expires: number;
}

/** One process's stores: Maps with expiry, swept now and then so expired keys do not pile up. */
export class MemoryStoreFactory implements StoreFactory {
  readonly kind = 'memory';
  private readonly scopes = new Map<string, Map<string, Entry>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  open(scope: string): KeyValueStore {
    let data = this.scopes.get(scope);
    if (!data) this.scopes.set(scope, (data = new Map()));
    return new MemoryStore(data, this.now);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const data of this.scopes.values()) for (const [k, e] of data) if (e.expires <= now) data.delete(k);
  }
}

class MemoryStore implements KeyValueStore {
  constructor(
    private readonly data: Map<string, Entry>,
    private readonly now: () => number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.data.set(key, { value, expires: this.expiry(ttlMs) });
  }

  async add(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.data.set(key, { value, expires: this.expiry(ttlMs) });
    return true;
  }

  async take(key: string): Promise<string | undefined> {
    const entry = this.live(key);
    this.data.delete(key);
    return entry?.value;
  }

  async delete(key: string): Promise<boolean> {
    const had = this.live(key) !== undefined;
    this.data.delete(key);
    return had;
  }

  async increment(key: string, windowMs: number): Promise<number> {
    return (await this.hit(key, windowMs)).count;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const entry = this.live(key);
    const count = entry ? Number(entry.value) + 1 : 1;
    const expires = entry ? entry.expires : this.expiry(windowMs);
    this.data.set(key, { value: String(count), expires });
    return { count, resetMs: Math.max(1, expires - this.now()) };
  }

  private live(key: string): Entry | undefined {
    const entry = this.data.get(key);
    if (entry && entry.expires <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return entry;
  }

  private expiry(ttlMs: number | undefined): number {
    return ttlMs === undefined ? Infinity : this.now() + Math.max(1, ttlMs);
  }
}
