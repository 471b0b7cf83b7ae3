import { OAUTH } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { parseBody } from '../body.js';
import type { RequestAuthentication, ResponseView } from './auth.js';
import type { OutboundRequest, OutboundResponse } from './outbound.js';
import { describeRequest } from './outbound.js';

/**
 * The largest token endpoint answer read. RFC 6749 §5.1 answers are a token and a few fields
 * (a JWT access token is a few KiB); a bigger one is the server failing, refused while it
 * streams in, not held for every request of the config to wait on.
 */
export const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

export interface ClientCredentialsOptions {
  readonly tokenUrl: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated, as RFC 6749 §3.3 sends them. */
  readonly scopes?: string;
  /** Credentials as form fields (RFC 6749 §2.3.1 allows it) instead of HTTP Basic. */
  readonly encodeClientCredentialsInBody: boolean;
  /** Extra form fields for the token request, e.g. Auth0's `audience`. */
  readonly customParameters: Readonly<Record<string, string>>;
  /** `responseAccessToken`, `responseExpiresIn`, `refreshTokenWhen`, compiled from the config. */
  readonly accessToken: (response: ResponseView) => Promise<unknown>;
  readonly expiresIn: (response: ResponseView) => Promise<unknown>;
  readonly refreshWhen: (response: ResponseView) => Promise<boolean>;
  readonly timeoutMs: number;
  /** The largest token answer read, bytes; default {@link MAX_TOKEN_RESPONSE_BYTES}. */
  readonly maxResponseBytes?: number;
}

interface Token {
  readonly value: string;
  /** When to fetch a new one; Infinity when the server gave no lifetime. */
  readonly renewAt: number;
}

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for `http:request`, as Mule's OAuth module: the
 * token is cached and shared by every request of the config, renewed shortly before it expires,
 * fetched once however many requests need it at the same moment, and fetched again when a
 * response says it no longer works (`refreshTokenWhen`, 401 or 403 by default).
 */
export class ClientCredentials implements RequestAuthentication {
  private token?: Token;
  private fetching?: Promise<Token>;

  /**
   * @param send how the token endpoint is called (a pool of its own: it is another server)
   * @param release closes what `send` opened, when the app stops
   */
  constructor(
    private readonly options: ClientCredentialsOptions,
    private readonly send: (request: OutboundRequest) => Promise<OutboundResponse>,
    private readonly release: () => Promise<void> = async () => {},
    private readonly now: () => number = Date.now,
  ) {}

  stop(): Promise<void> {
    return this.release();
  }

  async authenticate(headers: Record<string, string | string[]>): Promise<void> {
    headers.authorization = `Bearer ${(await this.current()).value}`;
  }

  async shouldRetry(response: ResponseView, sent: Readonly<Record<string, string | string[]>>): Promise<boolean> {
    if (!(await this.options.refreshWhen(response))) return false;
    // Only the first request to find the token stale drops it; the others reuse the new one.
    if (this.token && sent.authorization === `Bearer ${this.token.value}`) this.token = undefined;
    return true;
  }

  private current(): Promise<Token> {
    if (this.token && this.now() < this.token.renewAt) return Promise.resolve(this.token);
    this.fetching ??= this.fetch().then(
      (token) => {
        this.token = token;
        this.fetching = undefined;
        return token;
      },
      (err: unknown) => {
        this.fetching = undefined;
        throw err;
      },
    );
    return this.fetching;
  }

  private async fetch(): Promise<Token> {
    const { tokenUrl, clientId, clientSecret, scopes, encodeClientCredentialsInBody, customParameters } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...customParameters });
    if (scopes) form.set('scope', scopes);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (encodeClientCredentialsInBody) {
      form.set('client_id', clientId);
      form.set('client_secret', clientSecret);
    } else {
      // RFC 6749 §2.3.1: both parts form-urlencoded before Basic encoding.
      const basic = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
    const where = describeRequest('POST', tokenUrl);
    let res;
    try {
      const { timeoutMs, maxResponseBytes = MAX_TOKEN_RESPONSE_BYTES } = this.options;
      res = await this.send({ method: 'POST', url: tokenUrl, headers, body: form.toString(), timeoutMs, followRedirects: false, maxResponseBytes });
    } catch (e) {
      throw new FlowError(OAUTH.TOKEN_URL_FAIL, `Could not obtain an access token: ${(e as FlowError).description ?? String(e)}`, { cause: e });
    }
    const view = viewOf(res.statusCode, res.reasonPhrase, res.headers, res.body);
    if (res.statusCode < 200 || res.statusCode > 299) {
      throw new FlowError(OAUTH.TOKEN_URL_FAIL, `Could not obtain an access token: ${where} answered ${res.statusCode}${errorOf(view.payload)}.`, {
        errorMessage: { payload: view.payload, attributes: view.attributes },
      });
    }
    const value = await this.options.accessToken(view);
    if (typeof value !== 'string' || value === '') {
      throw new FlowError(OAUTH.TOKEN_NOT_FOUND, `${where} answered without an access token where responseAccessToken looks for one.`, {
        errorMessage: { payload: view.payload, attributes: view.attributes },
      });
    }
    const seconds = Number(await this.options.expiresIn(view));
    return { value, renewAt: Number.isFinite(seconds) && seconds > 0 ? this.now() + renewAfter(seconds) : Infinity };
  }
}

/** Renew a little early, so a token never expires on its way to the server: 10%, at most 30 s. */
function renewAfter(seconds: number): number {
  return seconds * 1000 - Math.min(30_000, seconds * 100);
}

function viewOf(statusCode: number, reasonPhrase: string, headers: Record<string, string | string[]>, body: Buffer): ResponseView {
  let payload: unknown;
  try {
    payload = parseBody(body, String(headers['content-type'] ?? 'application/json')).payload;
  } catch {
    payload = body.toString('utf8');
  }
  return { payload, attributes: { statusCode, reasonPhrase, headers } };
}

/** RFC 6749 §5.2 error details, when the server gave them. */
function errorOf(payload: unknown): string {
  const p = payload as { error?: unknown; error_description?: unknown } | null;
  if (!p || typeof p !== 'object' || typeof p.error !== 'string') return '';
  return ` (${p.error}${typeof p.error_description === 'string' ? `: ${p.error_description}` : ''})`;
}
