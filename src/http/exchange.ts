import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One request and its response, as the listener's server hands them to an endpoint: Node's own
 * objects, nothing built around them. A framework's per-request context (Koa's costs ~20 µs with
 * its router) would be most of what a small flow costs.
 */
export interface HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

/** A request header's value ('' when absent); repeated ones joined as RFC 9110 §5.3 allows. */
export function headerOf(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The request target's query string, without the `?` ('' when there is none). */
export function queryStringOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}
