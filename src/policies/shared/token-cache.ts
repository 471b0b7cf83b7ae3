import { digest } from '../../runtime/digests.js';

interface Entry<V> {
  readonly value: V;
  /** ms since epoch from which the entry must not be used. */
  readonly until: number;
}

/**
 * What a policy learnt about a token (verified claims, an introspection answer), keyed by the
 * token's SHA-256 (a token is as long as its sender makes it; a key is always 64 characters): a
 * token seen before costs a lookup instead of a signature check or a call to the IdP. Each entry
 * has its own end, which the policy sets (never past the token's `exp`); at most `max` entries
 * are kept, the least recently used dropped first, so a flood of distinct tokens cannot grow it.
 *
 * @example
 * const cache = new TokenCache<Accepted>(Date.now, 10_000);
 * cache.set(token, accepted, Math.min(Date.now() + 60_000, exp * 1000));
 * cache.get(token); // accepted, until then
 */
export class TokenCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly now: () => number,
    private readonly max = 10_000,
  ) {}

  get(token: string): V | undefined {
    const key = digest(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() >= entry.until) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` until `until` (ms since epoch); one already past is not kept, nor anything when max is 0. */
  set(token: string, value: V, until: number): void {
    if (until <= this.now() || this.max <= 0) return;
    const key = digest(token);
    this.entries.delete(key);
    while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until });
  }

  /** The keys kept: digests, never tokens. */
  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
