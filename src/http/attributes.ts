import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { nullRecord } from '../util/null-record.js';
import type { ListenerConfig, RoutedRequest } from './endpoint.js';
import { clientCertificate } from './tls-certificate.js';

/**
 * Mule's `HttpRequestAttributes` for a request: header names lower-cased, query and uri
 * parameters decoded (a repeated query parameter reads as its first value, as Mule's MultiMap).
 * `requestPath` is the canonical path the request was routed by; `rawRequestPath` what was sent.
 * `clientCertificate` is the certificate an HTTPS listener with a trust store received (null
 * otherwise); a plain HTTP listener pays one property check for it.
 */
export function requestAttributes(req: IncomingMessage, config: ListenerConfig, listenerPath: string, routed: RoutedRequest): Record<string, unknown> {
  const rawUri = req.url ?? '/';
  const q = rawUri.indexOf('?');
  const rawPath = q < 0 ? rawUri : rawUri.slice(0, q);
  const queryString = q < 0 ? '' : rawUri.slice(q + 1);
  const requestPath = routed.path;
  // Nothing inherited: a parameter named __proto__ or constructor is a parameter like any other.
  const queryParams = nullRecord<string>();
  if (queryString) for (const [k, v] of new URLSearchParams(queryString)) if (!(k in queryParams)) queryParams[k] = v;
  const { remoteAddress, localAddress } = addressesOf(req.socket);
  const tls = config.tls;
  return {
    method: req.method ?? 'GET',
    scheme: tls === undefined ? 'http' : 'https',
    version: `HTTP/${req.httpVersion}`,
    listenerPath,
    requestPath,
    rawRequestPath: rawPath,
    relativePath: relative(requestPath, config.basePath),
    requestUri: rawUri,
    rawRequestUri: rawUri,
    queryString,
    queryParams,
    uriParams: Object.assign(nullRecord<string>(), routed.uriParams),
    // Node builds a fresh headers object per request and nothing else changes it.
    headers: req.headers,
    remoteAddress,
    localAddress,
    clientCertificate: tls === undefined || tls.clientAuth === 'none' ? null : clientCertificate(req.socket),
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
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  if (!trimmed) return path;
  const base = `/${trimmed}`;
  if (path === base) return '/';
  return path.startsWith(`${base}/`) ? path.slice(base.length) : path;
}
