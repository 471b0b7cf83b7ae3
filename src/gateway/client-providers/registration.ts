import type { HttpClient } from '../../http/client/http-client.js';
import { IdpUnavailableError } from '../../policies/shared/identity.js';
import { FlowrtError } from '../../errors/flowrt-error.js';

/**
 * The largest registration answer read: RFC 7591 §3.2.1 client information is the metadata sent
 * plus credentials, a few KiB; more is the IdP failing.
 */
export const MAX_REGISTRATION_BYTES = 256 * 1024;

/** The IdP refused a registration (RFC 7591 §3.2.2): its `error` code and description. */
export class ClientRegistrationError extends FlowrtError<'registration-refused'> {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super('registration-refused', `the IdP refused the registration (${status} ${error}${description ? `: ${description}` : ''})`);
  }
}

export interface RegistrationRequest {
  readonly url: URL;
  /** The initial access token (RFC 7591 §3), sent as a bearer token. */
  readonly authorization?: string;
  readonly timeoutMs: number;
}

/**
 * RFC 7591 §3.1 dynamic client registration: the metadata as JSON, the IdP's answer back (§3.2.1:
 * client_id, maybe client_secret). A refusal is a ClientRegistrationError with the IdP's words; an
 * IdP that cannot be reached, an IdpUnavailableError.
 */
export async function registerClient(
  client: HttpClient,
  request: RegistrationRequest,
  metadata: Readonly<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const { url, authorization, timeoutMs } = request;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (authorization !== undefined) headers.authorization = `Bearer ${authorization}`;
  let res;
  try {
    res = await client.send({
      method: 'POST',
      url,
      headers,
      body: JSON.stringify(metadata),
      timeoutMs,
      followRedirects: false,
      maxResponseBytes: MAX_REGISTRATION_BYTES,
    });
  } catch (e) {
    throw new IdpUnavailableError(`registration at ${url.origin}${url.pathname} failed: ${(e as Error).message}`, { cause: e });
  }
  const answer = json(res.body.toString('utf8'));
  if (res.statusCode < 200 || res.statusCode > 299) {
    throw new ClientRegistrationError(
      res.statusCode,
      typeof answer?.error === 'string' ? answer.error : 'registration_failed',
      typeof answer?.error_description === 'string' ? answer.error_description : undefined,
    );
  }
  if (!answer || typeof answer.client_id !== 'string')
    throw new IdpUnavailableError(`registration at ${url.origin}${url.pathname} answered without a client_id (RFC 7591 §3.2.1)`);
  return answer;
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
