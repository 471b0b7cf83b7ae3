import type { HttpClient } from '../../http/client/http-client.js';
import type { Introspection } from '../shared/identity.js';
import { IdpUnavailableError } from '../shared/identity.js';

/**
 * The largest introspection answer read. RFC 7662 §2.2 answers are a few claims (well under
 * 8 KiB, even with long scope lists); a larger one is the IdP failing, refused while it streams in.
 */
export const MAX_INTROSPECTION_BYTES = 256 * 1024;

/** Where and as whom tokens are introspected. */
export interface IntrospectionEndpoint {
  readonly url: URL;
  /** client_secret_basic credentials: RFC 7662 §2.1 wants the caller authorized. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Connect and answer, ms. */
  readonly timeoutMs: number;
  /** The largest answer read, bytes; default {@link MAX_INTROSPECTION_BYTES}. */
  readonly maxBytes?: number;
}

/** RFC 6749 §2.3.1: each part form-urlencoded before the Basic encoding. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const form = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${form(clientId)}:${form(clientSecret)}`).toString('base64')}`;
}

/**
 * RFC 7662 §2.1 introspection of one token. Anything but a 200 with a JSON object carrying a
 * boolean `active` (§2.2) is the IdP failing, not the token: IdpUnavailableError, so policies
 * answer 503 instead of guessing. The token is never put in an error message.
 *
 * @example
 * const answer = await introspect(client, { url, clientId: 'api-gateway', clientSecret, timeoutMs: 5000 }, token);
 * if (answer.active) …
 */
export async function introspect(client: HttpClient, endpoint: IntrospectionEndpoint, token: string): Promise<Introspection> {
  const { url, clientId, clientSecret, timeoutMs, maxBytes = MAX_INTROSPECTION_BYTES } = endpoint;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (clientId !== undefined) headers.authorization = basicCredentials(clientId, clientSecret ?? '');
  const body = new URLSearchParams({ token, token_type_hint: 'access_token' }).toString();
  const where = `${url.origin}${url.pathname}`;
  let res;
  try {
    res = await client.send({ method: 'POST', url, headers, body, timeoutMs, followRedirects: false, maxResponseBytes: maxBytes });
  } catch (e) {
    throw new IdpUnavailableError(`introspection at ${where} failed: ${(e as Error).message}`, { cause: e });
  }
  if (res.statusCode !== 200) throw new IdpUnavailableError(`introspection at ${where} answered ${res.statusCode}`);
  let answer: unknown;
  try {
    answer = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new IdpUnavailableError(`introspection at ${where} answered something that is not JSON`);
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer) || typeof (answer as { active?: unknown }).active !== 'boolean') {
    throw new IdpUnavailableError(`introspection at ${where} answered without a boolean "active" (RFC 7662 §2.2)`);
  }
  return answer as Introspection;
}
