import { createLocalJWKSet, errors } from 'jose';
import type { JWTHeaderParameters, JWK } from 'jose';
import type { HttpClient } from '../../http/client/http-client.js';

type KeySet = ReturnType<typeof createLocalJWKSet>;
type Key = Awaited<ReturnType<KeySet>>;

/** No key set has ever been fetched: a token cannot be checked (the caller answers 503). */
export class KeysUnavailable extends Error {}

/**
 * A JWKS endpoint's keys: fetched with a timeout, kept for their time to live, fetched again
 * when a token names a `kid` they lack — at once the first time (a rotation), then at most once
 * per cooldown, so bogus kids cannot cause a fetch storm — and, when a fetch fails, the last good
 * set stays in use.
 */
export class JwksCache {
  private keys?: KeySet;
  private fetchedAt = -Infinity;
  /** When a token's unknown kid last made us fetch. */
  private lastUnknownKid = -Infinity;
  private fetching?: Promise<void>;
  /** Fetches made, for tests and metrics. */
  fetches = 0;

  constructor(
    private readonly url: URL,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
    private readonly client: HttpClient,
    private readonly now: () => number,
    private readonly cooldownMs = 30_000,
  ) {}

  /** The key a token's header selects; throws JWKSNoMatchingKey or KeysUnavailable. */
  async key(header: JWTHeaderParameters): Promise<Key> {
    if (!this.keys || this.now() - this.fetchedAt >= this.ttlMs) await this.refresh();
    if (!this.keys) throw new KeysUnavailable(`no keys from ${this.url.origin} yet`);
    try {
      return await this.keys(header, { payload: '', signature: '' } as never);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey) || this.now() - this.lastUnknownKid < this.cooldownMs) throw e;
      this.lastUnknownKid = this.now();
      await this.refresh();
      return this.keys(header, { payload: '', signature: '' } as never);
    }
  }

  private refresh(): Promise<void> {
    this.fetching ??= this.fetch().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetch(): Promise<void> {
    this.fetches++;
    try {
      const res = await this.client.send({ method: 'GET', url: this.url, headers: { accept: 'application/json' }, timeoutMs: this.timeoutMs, followRedirects: true });
      if (res.statusCode !== 200) throw new Error(`JWKS endpoint answered ${res.statusCode}`);
      const set = JSON.parse(res.body.toString('utf8')) as { keys?: JWK[] };
      if (!Array.isArray(set.keys)) throw new Error('the JWKS has no "keys" array');
      this.keys = createLocalJWKSet({ keys: set.keys });
      this.fetchedAt = this.now();
    } catch {
      // Keep the last good set (and wait a TTL before the next scheduled attempt).
      if (this.keys) this.fetchedAt = this.now();
    }
  }
}
