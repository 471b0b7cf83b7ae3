import type { Logger } from 'pino';
import type { HttpClient } from '../http/client/http-client.js';
import type { ResponseSpec } from '../http/response.js';
import type { FlowEvent } from '../runtime/event.js';
import type { KeyValueStore } from '../stores/store.js';
import type { ClientProvider, Contracts } from './identity.js';

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
  /** The request as an event (Mule's HTTP attributes, no payload yet), for expressions. */
  event(): FlowEvent;
}

/** Runs the rest of the chain (and finally the flow) and gives its response. */
export type Next = () => Promise<ResponseSpec>;

/** One applied policy: it may answer itself (reject), pass on, or change the answer it gets back. */
export interface Policy {
  handle(ctx: PolicyContext, next: Next): Promise<ResponseSpec>;
  /** Releases what it holds (key caches, pools) when it is replaced or removed. */
  stop?(): Promise<void>;
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
export class PolicyConfigError extends Error {
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(message);
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
