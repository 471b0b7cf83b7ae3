interface Entry<V> {
  readonly value: V;
  /** ms since epoch from which the entry must not be used. */
  readonly until: number;
}

/**
 * Tokens the IdP vouched for, keyed by the whole token: a token seen before costs a lookup
 * instead of an introspection. Each entry has its own end (the policy makes it the earlier of
 * the cache TTL and the token's `exp`); at most `max` entries are kept, the least recently used
 * dropped first, so a flood of distinct tokens cannot grow it.
 *
 * @example
 * const cache = new IntrospectionCache<Accepted>(Date.now, 10_000);
 * cache.set(token, accepted, Math.min(Date.now() + 60_000, exp * 1000));
 * cache.get(token); // accepted, until then
 */
export class IntrospectionCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly now: () => number,
    private readonly max: number,
  ) {}

  get(token: string): V | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (this.now() >= entry.until) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.set(token, entry);
    return entry.value;
  }

  /** Keeps `value` until `until` (ms since epoch); one already past is not kept. */
  set(token: string, value: V, until: number): void {
    if (until <= this.now() || this.max <= 0) return;
    this.entries.delete(token);
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { value, until });
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
