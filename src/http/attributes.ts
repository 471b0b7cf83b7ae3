import type { Context } from 'koa';
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
  const requestPath = safeDecode(rawPath);
  const queryParams: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(queryString)) if (!(k in queryParams)) queryParams[k] = v;
  const socket = req.socket;
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
    headers: { ...req.headers },
    remoteAddress: `/${socket.remoteAddress ?? ''}:${socket.remotePort ?? ''}`,
    localAddress: `/${socket.localAddress ?? ''}:${socket.localPort ?? ''}`,
    clientCertificate: null,
  };
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
