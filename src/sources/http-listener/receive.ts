import { randomUUID } from 'node:crypto';
import type { RoutedRequest } from '../../http/endpoint.js';
import { requestAttributes } from '../../http/attributes.js';
import type { HttpExchange } from '../../http/exchange.js';
import { execContext } from '../../runtime/processor.js';
import type { ExecContext } from '../../runtime/processor.js';
import { ClientGone } from '../client-gone.js';
import type { ListenerRoute } from './route.js';

const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;

/** A request as the listener received it, before policies and before its body is read. */
export interface InboundRequest {
  readonly exchange: HttpExchange;
  /** `performance.now()` on arrival: the response's duration in the metrics counts from here. */
  readonly arrived: number;
  readonly correlationId: string;
  /** Mule's HTTP request attributes (headers, path, query …). */
  readonly attributes: Record<string, unknown>;
  /** The event's execution context; cancelled when the client goes away. */
  readonly exec: ExecContext;
}

/**
 * The first stage: the correlation id (the client's `x-correlation-id` when it is a sane one,
 * else a new one), the request's attributes and its execution context. Nothing here waits.
 */
export function receive(route: ListenerRoute, exchange: HttpExchange, routed: RoutedRequest): InboundRequest {
  const arrived = performance.now();
  const header = exchange.req.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
  const attributes = requestAttributes(exchange.req, route.config, route.path, routed);
  const exec = execContext(route.log, correlationId, route.flows, new ClientGone(exchange.res));
  return { exchange, arrived, correlationId, attributes, exec };
}
