import type { Agent, Dispatcher } from 'undici';
import { HTTP } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { OutboundRequest, OutboundResponse } from './outbound.js';
import { describeRequest } from './outbound.js';
import { CallAbort } from './call-abort.js';

export interface ClientOptions {
  /** Open connections per origin; undefined = unbounded (Mule's -1). */
  readonly maxConnections?: number;
  /** How long an idle keep-alive connection is kept, ms. */
  readonly connectionIdleTimeout: number;
  readonly usePersistentConnections: boolean;
  /** How long establishing a connection (TCP and TLS) may take, ms. */
  readonly connectTimeout?: number;
  /** PEM text of the CAs to trust instead of the system's, and whether to skip verification. */
  readonly trust?: { readonly ca?: string; readonly insecure?: boolean };
}

const MAX_REDIRECTS = 5;
const PRECISE_BELOW_MS = 10_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The request a redirect asks for (RFC 9110 §15.4): 303 turns into a GET without body, as do 301
 * and 302 for a POST (what every client does); 307 and 308 repeat it as it was. Credentials are
 * not carried to another origin.
 */
function redirected(request: OutboundRequest, status: number, url: URL): OutboundRequest {
  const toGet = status === 303 ? request.method !== 'HEAD' : (status === 301 || status === 302) && request.method === 'POST';
  const headers = { ...request.headers };
  if (toGet) for (const h of Object.keys(headers)) if (/^(content-(type|length)|transfer-encoding)$/i.test(h)) delete headers[h];
  if (url.origin !== request.url.origin) for (const h of Object.keys(headers)) if (/^(authorization|cookie)$/i.test(h)) delete headers[h];
  return { ...request, url, headers, method: toGet ? 'GET' : request.method, body: toGet ? undefined : request.body };
}

/**
 * A pool of keep-alive connections for one `http:request-config` (undici: every request of a
 * config shares sockets per origin). Errors come out as Mule's HTTP error types.
 */
export class HttpClient {
  private agent?: Agent;
  private closed = false;
  private readonly agentOptions: Agent.Options;

  constructor(options: ClientOptions) {
    this.agentOptions = {
      connections: options.maxConnections ?? null,
      keepAliveTimeout: options.usePersistentConnections ? options.connectionIdleTimeout : 1,
      keepAliveMaxTimeout: Math.max(options.connectionIdleTimeout, 1),
      pipelining: options.usePersistentConnections ? 1 : 0,
      connect: {
        timeout: options.connectTimeout,
        ca: options.trust?.ca,
        rejectUnauthorized: !options.trust?.insecure,
      },
    };
  }

  /**
   * The pool, made on the first request: undici is a tenth of a second of imports and 15 MB that
   * a runtime whose requesters have not sent anything yet (or an app that only validates) does
   * not spend at start.
   */
  private async pool(): Promise<Agent> {
    const { Agent } = await import('./undici-agent.js');
    if (this.closed) throw new FlowError(HTTP.CONNECTIVITY, 'this request config has been stopped');
    return (this.agent ??= new Agent(this.agentOptions));
  }

  /**
   * Sends a request and reads the whole response (refused past `maxResponseBytes`, when set),
   * following up to 5 redirects when asked.
   * `timeoutMs` bounds the wait for the answer's headers, and again any silence while its body
   * arrives (undici's own timers: cheaper than a timer and an AbortController per request, and
   * just as sure that nothing waits for ever).
   */
  send(request: OutboundRequest): Promise<OutboundResponse> {
    return request.followRedirects ? this.following(request) : this.once(request);
  }

  private async following(request: OutboundRequest): Promise<OutboundResponse> {
    let current = request;
    for (let hops = 0; ; hops++) {
      const response = await this.once(current);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode) || typeof location !== 'string' || hops === MAX_REDIRECTS) return response;
      current = redirected(current, response.statusCode, new URL(location, current.url.href));
    }
  }

  private async once(request: OutboundRequest): Promise<OutboundResponse> {
    // undici's own timers tick once a second: cheap, but a 200 ms timeout would wait 1 s. Short
    // timeouts get a timer of their own; long ones (where a second is noise) do without.
    const { cancel } = request;
    const abort = CallAbort.of(request.timeoutMs < PRECISE_BELOW_MS ? request.timeoutMs : undefined, cancel);
    try {
      if (cancel?.aborted) throw cancel.reason;
      const agent = this.agent ?? (await this.pool());
      const res = await agent.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
        signal: abort,
      });
      // undici gives header names lower-cased already (its parseHeaders), in an object of this call's own.
      const body =
        request.maxResponseBytes === undefined ? Buffer.from(await res.body.arrayBuffer()) : await cappedBody(res, request, request.maxResponseBytes);
      return { statusCode: res.statusCode, reasonPhrase: res.statusText ?? '', headers: res.headers as Record<string, string | string[]>, body };
    } catch (e) {
      if (e instanceof FlowError) throw e;
      if (cancel?.aborted) throw cancel.reason;
      throw transportError(e, request, abort?.timedOut ?? false);
    } finally {
      abort?.done();
    }
  }

  async close(): Promise<void> {
    // A first request still importing undici must not open a pool nobody will close.
    this.closed = true;
    await this.agent?.close();
  }
}

/**
 * The body, refused as soon as it is known to pass `max` bytes: at once when Content-Length says
 * so, else at the chunk that crosses the limit. The stream is destroyed then, which makes undici
 * drop the connection, so the rest is never read (a keep-alive socket could not be reused anyway).
 */
async function cappedBody(res: Dispatcher.ResponseData, request: OutboundRequest, max: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (declared > max) {
    res.body.destroy();
    throw tooLarge(request, max);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      res.body.destroy();
      throw tooLarge(request, max);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** A transport-level failure, as Mule types a connection that could not deliver an answer. */
function tooLarge(request: OutboundRequest, max: number): FlowError {
  return new FlowError(HTTP.CONNECTIVITY, `${describeRequest(request.method, request.url)} failed: response body larger than ${max} bytes.`);
}

const SECURITY_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|EPROTO$)/;

/**
 * Mule's descriptions and types for transport failures: refused, reset, unresolvable, timed out,
 * or a TLS handshake that failed.
 */
function transportError(e: unknown, request: OutboundRequest, timedOut: boolean): FlowError {
  const prefix = describeRequest(request.method, request.url);
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FlowError(HTTP.TIMEOUT, `${prefix} failed: Timeout exceeded (${request.timeoutMs} ms).`, { cause: e });
  }
  if (SECURITY_CODES.test(code)) {
    return new FlowError(HTTP.SECURITY, `${prefix} failed: TLS handshake failed (${code}).`, { cause: e });
  }
  const why: Record<string, string> = {
    ECONNREFUSED: 'Connection refused',
    ECONNRESET: 'Remotely closed',
    UND_ERR_SOCKET: 'Remotely closed',
    ENOTFOUND: 'Unknown host',
    EAI_AGAIN: 'Unknown host',
    EHOSTUNREACH: 'Host unreachable',
    ENETUNREACH: 'Network unreachable',
    UND_ERR_CLOSED: 'Connection closed',
  };
  const reason = why[code] ?? err.cause?.message ?? err.message ?? String(e);
  return new FlowError(HTTP.CONNECTIVITY, `${prefix} failed: ${reason}.`, { cause: e });
}
