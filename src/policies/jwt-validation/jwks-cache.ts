import { createLocalJWKSet, errors } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWTHeaderParameters } from 'jose';
import type { Logger } from 'pino';
import type { HttpClient } from '../../http/client/http-client.js';
import type { LogLimiter } from '../../runtime/log-limiter.js';
import { FlowrtError } from '../../errors/flowrt-error.js';
import { Refreshing } from '../../util/refreshing.js';

/**
 * The largest JWKS read. A set of a few dozen RSA keys is under 50 KiB; a bigger answer is a
 * broken or hostile endpoint (a 200 MB one held 2 GB and stalled every request), refused while it
 * streams in and treated as an unreachable endpoint.
 */
export const MAX_JWKS_BYTES = 1024 * 1024;

/**
 * The key types signatures are checked with (RFC 7518 §6). jwt-validation takes no HMAC secret from
 * a JWKS, so a set without one of these (empty, or only `oct` or encryption keys) verifies nothing.
 */
const SIGNING_KTY = new Set(['RSA', 'EC', 'OKP']);

/** No key set has ever been fetched: a token cannot be checked (the policy answers 503). */
export class KeysUnavailableError extends FlowrtError<'ERR_JWKS_UNAVAILABLE'> {
  constructor(message: string, options?: { cause?: unknown }) {
    // Node-style code kept as it was: logs and alerts may match on it.
    super('ERR_JWKS_UNAVAILABLE', message, options);
  }
}

export interface JwksOptions {
  readonly url: URL;
  readonly ttlMs: number;
  readonly timeoutMs: number;
  readonly client: HttpClient;
  readonly now: () => number;
  readonly log: Logger;
  /** Limits the fetch failures logged while the endpoint stays broken (one line per reason and window). */
  readonly logs?: LogLimiter;
  /** The largest answer read, bytes; default {@link MAX_JWKS_BYTES}. */
  readonly maxBytes?: number;
  /** At most one fetch for unknown kids per this many ms. */
  readonly cooldownMs?: number;
  /** With no key set yet, how long a failed fetch is trusted before the next try. */
  readonly retryMs?: number;
}

/**
 * A JWKS endpoint's keys. Fetched on first use and kept for their time to live; once stale they
 * still serve while a fresh set is fetched in the background, so a slow endpoint never holds a
 * request. A token naming a `kid` the set lacks makes one fetch at once (a rotation), then at
 * most one per cooldown, so a flood of bogus kids cannot cause a fetch storm. When a fetch fails
 * (an answer without a public signing key included) the last good set stays in use; with none at
 * all, {@link KeysUnavailableError}.
 */
export class JwksCache {
  private readonly set: Refreshing<ReturnType<typeof createLocalJWKSet>>;
  private lastKidFetch = -Infinity;
  private readonly cooldownMs: number;

  constructor(private readonly o: JwksOptions) {
    this.cooldownMs = o.cooldownMs ?? 30_000;
    const retryMs = o.retryMs ?? 5_000;
    this.set = new Refreshing({
      load: () => this.fetch(),
      ttlMs: o.ttlMs,
      // Keep the last good set and try again after a cooldown; with none, sooner.
      retryMs: (kept) => (kept ? this.cooldownMs : retryMs),
      now: o.now,
      failed: (e, kept) => this.failed(e instanceof Error ? e.message : String(e), kept),
    });
  }

  /** The key a token's header selects; throws JWKSNoMatchingKey (and jose's kin) or KeysUnavailableError. */
  async key(header: JWTHeaderParameters): Promise<CryptoKey> {
    const keys = await this.set.get();
    if (!keys) throw new KeysUnavailableError(`no key set from ${this.o.url.origin} yet`);
    try {
      return await keys(header);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey) || this.o.now() - this.lastKidFetch < this.cooldownMs) throw e;
      this.lastKidFetch = this.o.now();
      await this.set.refresh();
      return this.set.value!(header);
    }
  }

  private async fetch(): Promise<ReturnType<typeof createLocalJWKSet>> {
    const { url, client, timeoutMs } = this.o;
    const maxResponseBytes = this.o.maxBytes ?? MAX_JWKS_BYTES;
    const res = await client.send({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs, followRedirects: true, maxResponseBytes });
    if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}`);
    return createLocalJWKSet(signingKeys(res.body.toString('utf8')));
  }

  private failed(reason: string, keptLastSet: boolean): void {
    const { url, log, logs } = this.o;
    const fields = { jwks: `${url.origin}${url.pathname}`, reason, keptLastSet };
    if (logs) logs.warn(log, `jwks ${fields.jwks} ${reason}`, fields, 'jwt-validation: JWKS fetch failed');
    else log.warn(fields, 'jwt-validation: JWKS fetch failed');
  }
}

/**
 * The answer as a key set with at least one public signing key. An endpoint answering `{"keys": []}`
 * or keys of no signing type is failing as surely as one answering HTML: such a set must not
 * replace a good one (every token would be refused until the next fetch), nor pass for "keys
 * known" when there is none (401 for every token, where no keys is 503).
 */
function signingKeys(text: string): JSONWebKeySet {
  const set = JSON.parse(text) as Partial<JSONWebKeySet> | null;
  const keys: unknown[] = Array.isArray(set?.keys) ? set.keys : [];
  const signing = keys.some(
    (k) => typeof k === 'object' && k !== null && SIGNING_KTY.has((k as { kty?: string }).kty ?? '') && (k as { use?: string }).use !== 'enc',
  );
  if (!signing) throw new Error('answered a key set without a public signing key (RSA, EC or OKP)');
  return set as JSONWebKeySet;
}
