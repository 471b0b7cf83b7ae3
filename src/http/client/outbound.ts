import type { Cancellation } from '../../runtime/cancellation.js';

/**
 * Where a request goes: the parts of a URL the client reads. A `URL` is one; `http:request`
 * builds a plain one for a path it need not parse (steps/http-request/request-target.ts).
 */
export interface RequestTarget {
  readonly origin: string;
  readonly pathname: string;
  /** `?…`, or empty. */
  readonly search: string;
  readonly href: string;
}

/** One outbound HTTP exchange, as `http:request` builds it. */
export interface OutboundRequest {
  readonly method: string;
  readonly url: RequestTarget;
  /** Header names as the flow wrote them; values already strings. */
  readonly headers: Record<string, string | string[]>;
  readonly body?: string | Buffer;
  /** The whole exchange, connect to last body byte, ms. */
  readonly timeoutMs: number;
  readonly followRedirects: boolean;
  /**
   * The most body bytes the response may have; undefined: no limit (`http:request`, as Mule).
   * Calls the runtime makes on its own behalf (JWKS, discovery, introspection, tokens) set one,
   * so that a hostile or broken server cannot make the gateway hold an unbounded answer.
   */
  readonly maxResponseBytes?: number;
  /**
   * Aborts the call when the event's client has gone (ExecContext.cancellation); the call then
   * fails with the signal's reason (FLOWRT:CANCELLED), not as a transport error.
   */
  readonly cancel?: Cancellation;
}

/** What came back, body fully read. */
export interface OutboundResponse {
  readonly statusCode: number;
  readonly reasonPhrase: string;
  /** Lower-case names, as Mule's HttpResponseAttributes give them. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** `HTTP GET on resource 'http://…/x'`: how Mule's HTTP errors start. */
export function describeRequest(method: string, url: RequestTarget): string {
  return `HTTP ${method} on resource '${url.href}'`;
}
