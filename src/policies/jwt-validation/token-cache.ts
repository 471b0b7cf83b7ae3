import { digest } from '../../runtime/digests.js';

interface Entry<V> {
  readonly value: V;
  /** ms since epoch from which the entry must not be used. */
  readonly until: number;
}

/** However long a token lives, a verified one is checked again after this (a key removed from a JWKS stops working). */
export const MAX_AGE_MS = 5 * 60_000;

/**
 * Tokens already verified, keyed by the token's SHA-256 (a token is as long as its sender makes
 * it; a key is always 64 characters): the hot path skips the signature check for a token seen
 * before. An entry never outlives the token's `exp` (plus the configured leeway), nor
 * {@link MAX_AGE_MS}; at most `max` entries are kept, the oldest dropped first.
 *
 * @example
 * const cache = new TokenCache<Claims>(Date.now);
 * cache.set(token, claims, claims.exp * 1000);
 * cache.get(token); // claims, until exp
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
    if (this.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` until `expiresAt` (ms since epoch; undefined: the token has no exp). */
  set(token: string, value: V, expiresAt: number | undefined): void {
    const now = this.now();
    const until = Math.min(expiresAt ?? Infinity, now + MAX_AGE_MS);
    if (until <= now) return;
    const key = digest(token);
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until });
  }

  /** The keys kept: digests, never tokens. */
  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  get size(): number {
    return this.entries.size;
  }
}
