import type { ResponseSpec } from '../http/response.js';

/** RFC 6749 §5.2 error codes, plus RFC 6750 / 7591 ones the other endpoints answer with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'unsupported_token_type';

/** Token responses and errors must not be cached (RFC 6749 §5.1). */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ResponseSpec {
  return { status, headers: { ...NO_STORE, ...headers }, body, mediaType: 'application/json' };
}

/**
 * An RFC 6749 §5.2 error. `invalid_client` after an `Authorization: Basic` attempt is 401 with a
 * `WWW-Authenticate: Basic` challenge (§5.2 says MUST); otherwise 400 unless `status` says.
 */
export function oauthError(error: OAuthErrorCode, description: string, options: { status?: number; basic?: boolean } = {}): ResponseSpec {
  const status = options.status ?? (error === 'invalid_client' ? 401 : error === 'server_error' ? 500 : error === 'temporarily_unavailable' ? 503 : 400);
  const headers: Record<string, string> = {};
  if (error === 'invalid_client' && status === 401)
    headers['WWW-Authenticate'] = options.basic ? 'Basic realm="oauth2", charset="UTF-8"' : 'Basic realm="oauth2"';
  return json(status, { error, error_description: errorDescription(description) }, headers);
}

/** Longer descriptions are cut: they quote what the request sent, which may be 60 KB of it. */
const MAX_DESCRIPTION = 500;

/**
 * RFC 6749 §5.2 (and §4.1.2.1): error_description is limited to %x20-21 / %x23-5B / %x5D-7E
 * (RFC 7591 §3.2.2 asks for ASCII). Descriptions quote request values (a grant_type, a parameter
 * name, a redirect URI) that may hold anything: a double quote becomes ', a backslash /, § the
 * word "section", any other character outside the set goes, and the whole is kept short.
 *
 * @example
 * errorDescription('grant_type "é\\x" is not supported'); // "grant_type '/x' is not supported"
 */
export function errorDescription(text: string): string {
  const safe = text
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/§/g, 'section ')
    .replace(/…/g, '...')
    .replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '');
  return safe.length > MAX_DESCRIPTION ? `${safe.slice(0, MAX_DESCRIPTION - 3)}...` : safe;
}
