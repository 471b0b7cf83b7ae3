import type { HttpExchange } from './exchange.js';
import type { ListenerTls } from './tls.js';

/** An `http:listener-config`: one server socket, shared by every listener that references it. */
export interface ListenerConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Prefix of every listener path under this config, '' for none. */
  readonly basePath: string;
  /** Keep-alive idle timeout, ms. */
  readonly connectionIdleTimeout: number;
  /** Time allowed to receive a whole request, ms. */
  readonly readTimeout: number;
  readonly usePersistentConnections: boolean;
  /** Largest request body accepted, bytes (flowrt's `maxRequestBodySize`); larger ones are refused with 413. */
  readonly maxRequestBodySize: number;
  /** Present on `protocol="HTTPS"` listeners: the key material and client authentication, checked at load. */
  readonly tls?: ListenerTls;
}

/** One `http:listener`: a path (with `{param}` and `*`) and methods on a listener config's server. */
export interface HttpEndpoint {
  readonly kind: 'http';
  readonly flowName: string;
  readonly location: string;
  readonly config: ListenerConfig;
  /** The Mule path as written, joined to the config's basePath, e.g. `/api/orders/{id}`. */
  readonly path: string;
  /** Upper-case methods; undefined means any. */
  readonly methods?: readonly string[];
  handle(exchange: HttpExchange, routed: RoutedRequest): Promise<void> | void;
}

/**
 * What the route table decided about a request: everything downstream (attributes, policies'
 * pointcuts) reads the path and method from here, never from the raw request again.
 */
export interface RoutedRequest {
  /** The canonical, decoded path the listener was chosen by (request-path.ts). */
  readonly path: string;
  /** The method as routed: HEAD is GET on a listener that allows GET but does not list HEAD. */
  readonly method: string;
  readonly uriParams: Readonly<Record<string, string>>;
}

export function isHttpEndpoint(source: { kind: string }): source is HttpEndpoint {
  return source.kind === 'http';
}
