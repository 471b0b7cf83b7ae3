import type { Logger } from 'pino';
import type { HttpClient } from '../../http/client/http-client.js';
import type { ResponseSpec } from '../../http/response.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { KeyValueStore } from '../../stores/store.js';
import type { ClientProvider, Contracts } from './identity.js';
import { FlowrtError } from '../../errors/flowrt-error.js';

/** The request as policies see it, before its body is read. */
export interface PolicyRequest {
  readonly method: string;
  /** The full request path, e.g. `/api/orders/7`. */
  readonly path: string;
  /** The path below the listener config's basePath. */
  readonly relativePath: string;
  /** The path resource-level pointcuts match: `path`, or `relativePath` when autodiscovery says ignoreBasePath. */
  readonly resourcePath: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly remoteAddress: string;
}

/**
 * What one request carries through the policy chain. Policies may hand variables to the flow
 * (`vars.claimSet` …) and add request headers it sees (`claimsToHeaders` …).
 */
export interface PolicyContext {
  readonly apiId: string;
  readonly request: PolicyRequest;
  readonly correlationId: string;
  readonly log: Logger;
  /** Anypoint's status codes where they differ from the RFCs (e.g. 400 for a missing token). */
  readonly anypointCompat: boolean;
  /** Variables the flow starts with. */
  readonly vars: Record<string, unknown>;
  /** Request headers added for the flow (lower-case names). */
  readonly addedHeaders: Record<string, string>;
  /** Request headers the flow must not see (lower-case names), removed before `addedHeaders` are added. */
  readonly removedHeaders: Set<string>;
  /**
   * Has `inspector` see the request body while it streams in, before the flow holds it: it can
   * refuse the request (a {@link BodyRejected}) as soon as a chunk tells it to. The listener always
   * gives this; absent only in contexts built by hand (unit tests).
   */
  inspectBody(inspector: BodyInspector): void;
  /** The request as an event (Mule's HTTP attributes, no payload yet), for expressions. */
  event(): FlowEvent;
}

/**
 * Sees a request body chunk by chunk as the listener reads it. Either method throws a
 * {@link BodyRejected} to refuse the request: the listener stops reading, answers with it, and
 * the flow never runs. Neither is called for a body the listener refuses itself (413 …).
 *
 * @example
 * ctx.inspectBody({ write: (chunk) => scanner.write(chunk), end: () => scanner.end() });
 */
export interface BodyInspector {
  /** One chunk of the body, as it arrives. */
  write(chunk: Buffer): void;
  /** The whole body has arrived (also for an empty one). */
  end(): void;
}

/** A body inspector's refusal: the status and JSON error (`{error, error_description}`) to answer with. */
export class BodyRejectedError extends FlowrtError<'body-rejected'> {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super('body-rejected', description);
  }
}

/** Runs the rest of the chain (and finally the flow) and gives its response. */
export type Next = () => Promise<ResponseSpec>;

/** One applied policy: it may answer itself (reject), pass on, or change the answer it gets back. */
export interface Policy {
  handle(ctx: PolicyContext, next: Next): Promise<ResponseSpec>;
  /** Releases what it holds (key caches, pools) when it is replaced or removed. */
  stop?(): Promise<void>;
}

/** One quota, with Anypoint's names: at most `maximumRequests` in each window of `timePeriodInMilliseconds`. */
export interface RateLimit {
  readonly maximumRequests: number;
  readonly timePeriodInMilliseconds: number;
}

/** An API's SLA tiers (`apis[].tiers`) by name: the limits of each, as the document says now. */
export interface Tiers {
  find(name: string): readonly RateLimit[] | undefined;
}

/** Every client application the API manager knows, with a contract for the API or not. */
export interface ClientApplications {
  find(clientId: string): { readonly application: string; readonly clientSecretHash?: string } | undefined;
}

/** What policies may use: the runtime's logger and outbound HTTP pools, and what the API manager knows of the API. */
export interface PolicyDeps {
  readonly log: Logger;
  /** A keep-alive pool for calls the policy makes (JWKS, introspection), with a connect timeout. */
  httpClient(connectTimeoutMs: number): HttpClient;
  readonly now: () => number;
  /** The API the policy is applied to (absent when a configuration is only checked). */
  readonly apiId?: string;
  /** The API's client provider (`apis[].clientProvider`), when it names one. */
  readonly clientProvider?: ClientProvider;
  /** The client applications with an approved contract for the API. */
  readonly contracts?: Contracts;
  /**
   * A store for the policy's state (counters …), namespaced by app, API and `name`: memory, or
   * Redis with `--redis`, so every runtime on that Redis shares it. Absent when only checked.
   */
  store?(name: string): KeyValueStore;
  /** The name the policy is applied under (`name`, else its id): what its store is named after. */
  readonly policyName?: string;
  /**
   * The API's SLA tiers, looked up on every call (like contracts), so an edited tier applies
   * without rebuilding the policy. Absent when only checked.
   */
  readonly tiers?: Tiers;
  /** Every client application, so that a policy can tell an unknown client (401) from one without a contract (403). */
  readonly applications?: ClientApplications;
}

/**
 * A policy kind (`jwt-validation` …): its configuration's JSON Schema (Anypoint's parameter
 * names) and how to build an instance. `create` throws a {@link PolicyConfigError} for what the
 * schema cannot say.
 */
export interface PolicyType {
  readonly id: string;
  /** Runs ahead of every other policy whatever the configured order (CORS, as in Anypoint). */
  readonly first?: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
  create(config: Readonly<Record<string, unknown>>, deps: PolicyDeps): Policy;
}

/** A configuration the schema accepted but that cannot work; `path` is the JSON pointer into `config`. */
export class PolicyConfigError extends FlowrtError<'invalid-policy-config'> {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super('invalid-policy-config', message);
  }
}

/** The API a flow belongs to, from `<api-gateway:autodiscovery>`. */
export interface ApiBinding {
  readonly apiId: string;
  readonly flowRef: string;
  /** Resource-level pointcuts match the path below the listener's basePath. */
  readonly ignoreBasePath: boolean;
}

/** What a listener asks of the API manager for a governed flow. */
export interface Gate {
  run(apiId: string, ctx: PolicyContext, final: Next): Promise<ResponseSpec>;
  /** Whether the API answers with Anypoint's status codes. */
  compatFor(apiId: string): boolean;
}
