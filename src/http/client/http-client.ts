import { Agent, interceptors } from 'undici';
import type { Dispatcher } from 'undici';
import { HTTP } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { OutboundRequest, OutboundResponse } from './outbound.js';
import { describeRequest } from './outbound.js';

export interface ClientOptions {
  /** Open connections per origin; undefined = unbounded (Mule's -1). */
  readonly maxConnections?: number;
  /** How long an idle keep-alive connection is kept, ms. */
  readonly connectionIdleTimeout: number;
  readonly usePersistentConnections: boolean;
  /** PEM text of the CAs to trust instead of the system's, and whether to skip verification. */
  readonly trust?: { readonly ca?: string; readonly insecure?: boolean };
}

const MAX_REDIRECTS = 5;

/**
 * A pool of keep-alive connections for one `http:request-config` (undici: every request of a
 * config shares sockets per origin). Errors come out as Mule's HTTP error types.
 */
export class HttpClient {
  private readonly agent: Agent;
  private readonly redirecting: Dispatcher;

  constructor(options: ClientOptions) {
    this.agent = new Agent({
      connections: options.maxConnections ?? null,
      keepAliveTimeout: options.usePersistentConnections ? options.connectionIdleTimeout : 1,
      keepAliveMaxTimeout: Math.max(options.connectionIdleTimeout, 1),
      pipelining: options.usePersistentConnections ? 1 : 0,
      connect: {
        ca: options.trust?.ca,
        rejectUnauthorized: !options.trust?.insecure,
      },
    });
    this.redirecting = this.agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS }));
  }

  /** Sends a request and reads the whole response, within `timeoutMs` for all of it. */
  async send(request: OutboundRequest): Promise<OutboundResponse> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), request.timeoutMs);
    timer.unref();
    const dispatcher = request.followRedirects ? this.redirecting : this.agent;
    try {
      const res = await dispatcher.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        signal: abort.signal,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { statusCode: res.statusCode, reasonPhrase: res.statusText ?? '', headers: lowerCase(res.headers), body };
    } catch (e) {
      throw transportError(e, request, abort.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function lowerCase(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
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
