import type { FlowEvent } from '../../runtime/event.js';
import type { RequestAuthentication } from './auth.js';
import type { HttpClient } from './http-client.js';
import type { StatusRanges } from './status.js';

export type BodyMode = 'AUTO' | 'ALWAYS' | 'NEVER';

/** A value computed per event (a literal or a compiled `#[…]`). */
export type Dynamic = (event: FlowEvent) => Promise<unknown>;

/** An `http:request-config` as requests use it. */
export interface RequestConfig {
  readonly name: string;
  /** `protocol://host:port` when the connection names a host; requests with `url` need none. */
  readonly origin?: string;
  readonly basePath: string;
  readonly followRedirects: boolean;
  readonly sendBodyMode: BodyMode;
  /** ms; undefined falls back to the app's defaultResponseTimeout. */
  readonly responseTimeout?: number;
  readonly sendCorrelationId: BodyMode;
  readonly defaultHeaders: ReadonlyArray<readonly [string, Dynamic]>;
  readonly defaultQueryParams: ReadonlyArray<readonly [string, Dynamic]>;
  /** Mule's `<reconnection><reconnect count frequency/>`: retries of connectivity failures. */
  readonly reconnect?: { readonly count: number; readonly frequency: number };
  readonly auth?: RequestAuthentication;
  /** The config's `<http:response-validator>`: the statuses its requests accept unless they say otherwise. */
  readonly responseValidator?: { readonly ranges: StatusRanges; readonly failureRanges: boolean };
  /** The config's connection pool, opened on first use. */
  client(): HttpClient;
  stop(): Promise<void>;
}
