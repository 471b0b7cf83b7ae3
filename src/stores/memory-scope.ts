/** How much one scope of a memory store keeps of entries with an expiry. */
export interface ScopeLimits {
  readonly maxEntries: number;
  /** Characters of keys and values together. */
  readonly maxChars: number;
}

/** What a memory store holds: entries, their characters (keys and values), and live entries dropped to stay within its limits. */
export interface StoreUsage {
  readonly entries: number;
  readonly chars: number;
  readonly evicted: number;
}

export interface Entry {
  readonly value: string;
  /** Epoch ms; Infinity for no expiry. */
  readonly expires: number;
}

/**
 * The data of one memory-store scope. Entries without expiry (clients, a signing key: written by
 * configuration and operations) are kept apart from expiring ones (counters, codes, tokens,
 * pending sign-ins: what requests cause), and only the expiring ones are capped. When a new one
 * would pass a limit, the oldest written go first: for data of one kind that is the one closest
 * to its expiry, and a revocation marker outlives the tokens it was written after.
 */
export class MemoryScope {
  private readonly lasting = new Map<string, string>();
  /** Insertion order is write order: a key written again is moved to the end. */
  private readonly expiring = new Map<string, Entry>();
  private lastingChars = 0;
  private expiringChars = 0;
  private evicted = 0;

  constructor(
    private readonly limits: ScopeLimits,
    readonly now: () => number,
  ) {}

  /** The entry of `key` unless it has expired (then it is dropped). */
  live(key: string): Entry | undefined {
    const entry = this.expiring.get(key);
    if (entry) {
      if (entry.expires > this.now()) return entry;
      this.drop(key);
      return undefined;
    }
    const value = this.lasting.get(key);
    return value === undefined ? undefined : { value, expires: Infinity };
  }

  /** Writes an entry; `expires` Infinity keeps it until deleted. */
  put(key: string, value: string, expires: number): void {
    this.drop(key);
    const size = key.length + value.length;
    if (expires === Infinity) {
      this.lasting.set(key, value);
      this.lastingChars += size;
      return;
    }
    this.makeRoom(size);
    this.expiring.set(key, { value, expires });
    this.expiringChars += size;
  }

  drop(key: string): void {
    const entry = this.expiring.get(key);
    if (entry) {
      this.expiring.delete(key);
      this.expiringChars -= key.length + entry.value.length;
    }
    const value = this.lasting.get(key);
    if (value !== undefined) {
      this.lasting.delete(key);
      this.lastingChars -= key.length + value.length;
    }
  }

  /** When an entry written now with `ttlMs` expires (at least 1 ms from now); Infinity without one. */
  expiry(ttlMs: number | undefined): number {
    return ttlMs === undefined ? Infinity : this.now() + Math.max(1, ttlMs);
  }

  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.expiring) if (entry.expires <= now) this.drop(key);
  }

  usage(): StoreUsage {
    return { entries: this.lasting.size + this.expiring.size, chars: this.lastingChars + this.expiringChars, evicted: this.evicted };
  }

  /** Drops the oldest expiring entries until one of `size` more characters fits. */
  private makeRoom(size: number): void {
    const { maxEntries, maxChars } = this.limits;
    const now = this.now();
    while (this.expiring.size > 0 && (this.expiring.size >= maxEntries || this.expiringChars + size > maxChars)) {
      const [oldest, entry] = this.expiring.entries().next().value as [string, Entry];
      if (entry.expires > now) this.evicted++;
      this.drop(oldest);
    }
  }
}
