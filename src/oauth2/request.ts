/** One HTTP request to a provider endpoint, as the handlers see it (decoupled from Koa). */
export interface OAuthRequest {
  readonly method: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  /** The raw body; parse it with {@link formOf} or JSON as the endpoint expects. */
  readonly body: Buffer;
  /** The provider's issuer identifier, as metadata publishes it. */
  readonly issuer: string;
}

/**
 * An `application/x-www-form-urlencoded` body (RFC 6749 §3.2 says token requests are), or
 * undefined for another media type. A parameter sent twice is an error the caller reports.
 */
export function formOf(req: OAuthRequest): URLSearchParams | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(req.body.toString('utf8'));
}

/** The first parameter that appears more than once (RFC 6749 §3.1: "MUST NOT be included more than once"). */
export function repeated(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}
