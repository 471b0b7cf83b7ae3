import type { Redis } from 'ioredis';
import type { EntryStore, EntryStoreOptions } from './entry-store.js';
import type { EntryCommands } from './redis-entry-scripts.js';

/** Runs a command the way the factory does: a Redis that cannot be reached is a StoreUnavailableError. */
export type RunCommand = <T>(command: (redis: Redis & EntryCommands) => Promise<T>) => Promise<T>;

/**
 * An {@link EntryStore} in three Redis keys (redis-entry-scripts.ts), every operation one atomic
 * script. The keys share a hash tag, `{<scope>}`, so that a Redis Cluster keeps them on one node.
 */
export class RedisEntryStore implements EntryStore {
  private readonly data: string;
  private readonly expiry: string;
  private readonly order: string;
  private readonly max: number;

  constructor(
    private readonly run: RunCommand,
    base: string,
    options: EntryStoreOptions,
  ) {
    this.data = `${base}:data`;
    this.expiry = `${base}:expiry`;
    this.order = `${base}:order`;
    this.max = options.maxEntries ?? -1;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.run((r) => r.flowrtEntryGet(this.data, this.expiry, this.order, key))) ?? undefined;
  }

  async has(key: string): Promise<boolean> {
    return (await this.run((r) => r.flowrtEntryHas(this.data, this.expiry, this.order, key))) === 1;
  }

  async put(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.write(key, value, ttlMs, 0);
  }

  async putIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    return (await this.write(key, value, ttlMs, 1)) === 1;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.run((r) => r.flowrtEntryDelete(this.data, this.expiry, this.order, key))) === 1;
  }

  async keys(): Promise<string[]> {
    return this.run((r) => r.flowrtEntryList(this.data, this.expiry, this.order, 'keys'));
  }

  async entries(): Promise<Array<[string, string]>> {
    const flat = await this.run((r) => r.flowrtEntryList(this.data, this.expiry, this.order, 'entries'));
    const out: Array<[string, string]> = [];
    for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
    return out;
  }

  async size(): Promise<number> {
    return Number(await this.run((r) => r.flowrtEntryList(this.data, this.expiry, this.order, 'size')));
  }

  async clear(): Promise<void> {
    await this.run((r) => r.del(this.data, this.expiry, this.order));
  }

  private write(key: string, value: string, ttlMs: number | undefined, onlyIfAbsent: 0 | 1): Promise<number> {
    // Whole milliseconds, at least 1, as the memory adapter and the key-value stores count them.
    const ttl = ttlMs === undefined ? 0 : Math.max(1, Math.round(ttlMs));
    return this.run((r) => r.flowrtEntryPut(this.data, this.expiry, this.order, key, value, ttl, this.max, onlyIfAbsent));
  }
}
