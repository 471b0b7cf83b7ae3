/** A received response, as expressions see it (`payload`, `attributes`). */
export interface ResponseView {
  readonly payload: unknown;
  readonly attributes: { readonly statusCode: number; readonly reasonPhrase: string; readonly headers: Record<string, unknown> };
}

/**
 * How a request config authenticates (Mule's HttpRequestAuthentication): it adds headers before
 * sending and may ask for one retry after a response (an OAuth token that has expired).
 */
export interface RequestAuthentication {
  /** Adds credentials for attempt `attempt` (0 first, 1 after a retry was asked for). */
  authenticate(headers: Record<string, string | string[]>, attempt: number): Promise<void>;
  /** True to send the request once more, after renewing what it needs to; `sent` are the headers it carried. */
  shouldRetry(response: ResponseView, sent: Readonly<Record<string, string | string[]>>): Promise<boolean>;
  stop?(): Promise<void>;
}

/**
 * `<http:basic-authentication username password preemptive>` (RFC 7617, UTF-8). Preemptive (Mule's
 * default) sends credentials at once; otherwise only after the server challenges with a 401.
 */
export class BasicAuthentication implements RequestAuthentication {
  private readonly header: string;

  constructor(
    username: string,
    password: string,
    private readonly preemptive = true,
  ) {
    this.header = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  }

  async authenticate(headers: Record<string, string | string[]>, attempt: number): Promise<void> {
    if (this.preemptive || attempt > 0) headers.authorization = this.header;
  }

  async shouldRetry(response: ResponseView, sent: Readonly<Record<string, string | string[]>>): Promise<boolean> {
    return !this.preemptive && response.attributes.statusCode === 401 && sent.authorization === undefined;
  }
}
