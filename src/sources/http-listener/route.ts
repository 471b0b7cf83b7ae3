import type { Logger } from 'pino';
import type { ListenerConfig } from '../../http/endpoint.js';
import type { ApiBinding, Gate } from '../../policies/shared/policy.js';
import type { Flow } from '../../runtime/flow.js';
import type { RuntimeMetrics } from '../../runtime/metrics.js';
import type { FlowLookup } from '../../runtime/processor.js';
import type { ResponseBuilder } from '../response-builder.js';

/**
 * What one `<http:listener>` brings to each of its requests, resolved once when it is built:
 * every stage of a request (handle-request.ts) reads it, none changes it.
 */
export interface ListenerRoute {
  readonly flow: Flow;
  readonly config: ListenerConfig;
  /** The listener's path joined to its config's basePath. */
  readonly path: string;
  /** `outputMimeType`: read the body as this type, whatever the request's Content-Type says. */
  readonly outputMimeType: string | undefined;
  readonly outputEncoding: string | undefined;
  /** `http:response`: builds the response of a flow that ends normally. */
  readonly success: ResponseBuilder;
  /** `http:error-response`: builds the response of a flow that ends in error. */
  readonly failure: ResponseBuilder;
  /** The API the flow belongs to (`api-gateway:autodiscovery`); undefined for an ungoverned flow. */
  readonly api: ApiBinding | undefined;
  /** The API manager governed requests pass; undefined when nothing runs the app. */
  readonly gate: Gate | undefined;
  readonly log: Logger;
  readonly flows: FlowLookup;
  readonly metrics: RuntimeMetrics;
  readonly appName: string;
}
