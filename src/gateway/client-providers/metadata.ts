import type { Logger } from 'pino';
import type { HttpClient } from '../../http/client/http-client.js';
import { IdpUnavailableError } from '../../policies/shared/identity.js';
import { LogLimiter } from '../../runtime/log-limiter.js';
import { Refreshing } from '../../util/refreshing.js';

/**
 * The largest discovery document read. Real ones (Keycloak, Okta, Entra ID) are 2-10 KiB; a
 * bigger answer is a broken or hostile endpoint, refused while it streams in.
 */
export const MAX_DISCOVERY_BYTES = 1024 * 1024;

/** An IdP's discovery document (OpenID Connect Discovery 1.0 §3, RFC 8414 §2). */
export type Metadata = Readonly<Record<string, unknown>>;

export interface MetadataOptions {
  /** The client provider's name, for the log and errors. */
  readonly name: string;
  readonly url: URL;
  /** The `issuer` the document must announce (RFC 8414 §3.3, OIDC Discovery §4.3), when known. */
  readonly issuer?: string;
  readonly ttlMs: number;
  /** After a failed fetch: how long before the next try. */
  readonly retryMs: number;
  readonly timeoutMs: number;
  readonly client: () => HttpClient;
  readonly now: () => number;
  readonly log: Logger;
  /** The largest document read, bytes; default {@link MAX_DISCOVERY_BYTES}. */
  readonly maxBytes?: number;
}

/**
 * The discovery document of one IdP: fetched at first use and kept for its TTL; once stale it
 * still serves while a fresh one is fetched in the background, and a failed refresh keeps it.
 * Until a first fetch succeeds every call throws IdpUnavailableError; a failed fetch is tried
 * again after `retryMs`, so a flood of requests against a dead IdP makes one fetch per retry.
 */
export class MetadataCache {
  private readonly document: Refreshing<Metadata>;
  private lastProblem = 'discovery not tried yet';
  /** A dead IdP fails every retry alike: one line per reason, repeats summed up. */
  private readonly logs: LogLimiter;

  constructor(private readonly o: MetadataOptions) {
    this.logs = new LogLimiter({ now: o.now });
    this.document = new Refreshing({
      load: () => this.download(),
      ttlMs: o.ttlMs,
      retryMs: () => o.retryMs,
      now: o.now,
      failed: (e, kept) => this.failed(e, kept),
    });
  }

  async get(): Promise<Metadata> {
    const metadata = await this.document.get();
    if (!metadata) throw new IdpUnavailableError(`client provider ${this.o.name}: ${this.lastProblem}`);
    return metadata;
  }

  /** Writes the pending summary of failures; nothing else to release. */
  stop(): void {
    this.logs.stop();
  }

  private failed(e: unknown, keptLast: boolean): void {
    const { url, timeoutMs, log, name } = this.o;
    this.lastProblem = (e as Error).message;
    const fields = { clientProvider: name, discovery: `${url.origin}${url.pathname}`, reason: this.lastProblem, keptLast, timeoutMs };
    this.logs.warn(log, this.lastProblem, fields, 'client provider: discovery failed');
  }

  private async download(): Promise<Metadata> {
    const { url, timeoutMs } = this.o;
    const maxResponseBytes = this.o.maxBytes ?? MAX_DISCOVERY_BYTES;
    const res = await this.o.client().send({ method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs, followRedirects: true, maxResponseBytes });
    if (res.statusCode !== 200) throw new Error(`discovery at ${url.href} answered ${res.statusCode}`);
    let doc: unknown;
    try {
      doc = JSON.parse(res.body.toString('utf8'));
    } catch {
      throw new Error(`discovery at ${url.href} answered something that is not JSON`);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`discovery at ${url.href} answered no JSON object`);
    const issuer = (doc as Metadata).issuer;
    // Mix-up defence: a document announcing another issuer is not this IdP's.
    // A trailing slash is the one difference tolerated: configurations write issuers both ways.
    if (this.o.issuer !== undefined && (typeof issuer !== 'string' || bare(issuer) !== bare(this.o.issuer)))
      throw new Error(`discovery at ${url.href} announces issuer ${String(issuer)}, not ${this.o.issuer}`);
    return Object.freeze(doc as Metadata);
  }
}

/**
 * Where an IdP's metadata is: `openid-connect` takes the discoveryUrl as given; `oauth2` takes it
 * as given when it is a `/.well-known/` URL, else as the issuer, whose RFC 8414 §3.1 metadata URL
 * puts the well-known segment between host and path (and whose document must name that issuer).
 */
export function discoveryOf(type: 'openid-connect' | 'oauth2', discoveryUrl: string, issuer?: string): { url: URL; issuer?: string } {
  const url = new URL(discoveryUrl);
  if (type === 'openid-connect' || url.pathname.includes('/.well-known/')) return { url, issuer };
  const path = url.pathname.replace(/\/+$/, '');
  return { url: new URL(`${url.origin}/.well-known/oauth-authorization-server${path}`), issuer: issuer ?? `${url.origin}${path}` };
}

const bare = (issuer: string): string => issuer.replace(/\/+$/, '');
