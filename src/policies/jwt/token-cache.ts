import type { JWTPayload } from 'jose';

interface Entry {
  readonly claims: JWTPayload;
  /** ms since epoch after which the entry must not be used. */
  readonly until: number;
}

/** However long a token lives, a verified one is re-checked after this (a revoked key stops working). */
const MAX_AGE_MS = 5 * 60_000;

/**
 * Tokens already verified, keyed by the whole token: the hot path skips the signature check for
 * a token seen before. Never past the token's `exp`, at most `max` entries (oldest dropped).
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly max = 10_000,
  ) {}

  get(token: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  set(token: string, claims: JWTPayload, skewMs: number): void {
    const expiry = typeof claims.exp === 'number' ? claims.exp * 1000 + skewMs : Infinity;
    const until = Math.min(expiry, this.now() + MAX_AGE_MS);
    if (until <= this.now()) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { claims, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
