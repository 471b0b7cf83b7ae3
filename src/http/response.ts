import { STATUS_CODES } from 'node:http';
import type { HttpExchange } from './exchange.js';
import { serialize } from './serialize.js';
import type { Serialized } from './serialize.js';

/** What a listener answers: resolved from `http:response` or `http:error-response`. */
export interface ResponseSpec {
  readonly status: number;
  readonly reasonPhrase?: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The body's media type when known (the payload's, or the listener's outputMimeType). */
  readonly mediaType?: string;
  /** The body already serialized (a flow's response, written off the event loop's critical path). */
  readonly encoded?: Serialized;
}

/** Statuses whose responses carry no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5). */
const BODILESS = new Set([204, 205, 304]);

/**
 * Writes a response: the body is serialized by its type, Content-Type follows unless a header
 * sets it, Content-Length is the body's. A HEAD is answered with the headers its GET would have;
 * a 204, 205 or 304 without body or body headers. A response already under way is left alone.
 */
export function writeResponse({ req, res }: HttpExchange, spec: ResponseSpec): void {
  if (res.headersSent || res.writableEnded) return;
  const { body, contentType } = spec.encoded ?? serialize(spec.body, spec.mediaType);
  res.statusCode = spec.status;
  // Always set: a fallback 500 written after a refused header must not keep the flow's reason phrase.
  res.statusMessage = spec.reasonPhrase || STATUS_CODES[spec.status] || 'Unknown';
  if (body !== undefined && contentType) res.setHeader('Content-Type', contentType);
  for (const name in spec.headers) {
    const value = spec.headers[name];
    if (value === undefined || value === null) continue;
    res.setHeader(name, Array.isArray(value) ? value.map(String) : String(value));
  }
  if (BODILESS.has(spec.status)) {
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.removeHeader('Transfer-Encoding');
    res.end();
    return;
  }
  const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  // A length a header named wins for HEAD (it describes the GET); the body's own otherwise.
  if (req.method !== 'HEAD' || !res.hasHeader('Content-Length')) res.setHeader('Content-Length', length);
  if (req.method === 'HEAD' || body === undefined) res.end();
  else res.end(body);
}
