import type { ResponseSpec } from '../../http/response.js';

/** A JSON answer a policy gives instead of the flow's. */
export function rejection(status: number, body: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>> = {}): ResponseSpec {
  return { status, headers, body, mediaType: 'application/json' };
}

/** The same answer with headers added (a policy wrapping the flow's response). */
export function withHeaders(response: ResponseSpec, headers: Readonly<Record<string, unknown>>): ResponseSpec {
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** A quoted-string for an auth-param (RFC 9110 §5.6.4): backslash-escape quotes and backslashes. */
export function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
