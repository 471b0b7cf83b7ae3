import type { Context } from 'koa';
import type { Socket } from 'node:net';
import type { ListenerConfig } from './endpoint.js';

/**
 * Mule's `HttpRequestAttributes` for a request: header names lower-cased, query and uri
 * parameters decoded (a repeated query parameter reads as its first value, as Mule's MultiMap).
 */
export function requestAttributes(
  ctx: Context,
  config: ListenerConfig,
  listenerPath: string,
  uriParams: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const req = ctx.req;
  const rawUri = req.url ?? '/';
  const q = rawUri.indexOf('?');
  const rawPath = q < 0 ? rawUri : rawUri.slice(0, q);
  const queryString = q < 0 ? '' : rawUri.slice(q + 1);
  const requestPath = rawPath.includes('%') ? safeDecode(rawPath) : rawPath;
  const queryParams: Record<string, string> = {};
  if (queryString) for (const [k, v] of new URLSearchParams(queryString)) if (!(k in queryParams)) queryParams[k] = v;
  const { remoteAddress, localAddress } = addressesOf(req.socket);
  return {
    method: req.method ?? 'GET',
    scheme: 'http',
    version: `HTTP/${req.httpVersion}`,
    listenerPath,
    requestPath,
    rawRequestPath: rawPath,
    relativePath: relative(requestPath, config.basePath),
    requestUri: rawUri,
    rawRequestUri: rawUri,
    queryString,
    queryParams,
    uriParams: { ...uriParams },
    // Node builds a fresh headers object per request and nothing else changes it.
    headers: req.headers,
    remoteAddress,
    localAddress,
    clientCertificate: null,
  };
}

// Reading a socket's addresses asks the OS; a keep-alive connection serves many requests.
const addresses = new WeakMap<Socket, { remoteAddress: string; localAddress: string }>();

/** Mule's `/address:port` forms of a connection's ends. */
function addressesOf(socket: Socket): { remoteAddress: string; localAddress: string } {
  let found = addresses.get(socket);
  if (!found) {
    found = {
      remoteAddress: `/${socket.remoteAddress ?? ''}:${socket.remotePort ?? ''}`,
      localAddress: `/${socket.localAddress ?? ''}:${socket.localPort ?? ''}`,
    };
    addresses.set(socket, found);
  }
  return found;
}

function relative(path: string, basePath: string): string {
  const base = basePath.replace(/\/+$/, '');
  return base && path.startsWith(base) ? path.slice(base.length) || '/' : path;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
