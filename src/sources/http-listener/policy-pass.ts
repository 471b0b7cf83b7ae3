import type { Logger } from 'pino';
import type { ResponseSpec } from '../../http/response.js';
import type { ApiBinding, BodyInspector, Gate, PolicyContext, PolicyRequest } from '../../policies/shared/policy.js';
import { FlowEvent } from '../../runtime/event.js';
import type { InboundRequest } from './receive.js';

/**
 * A governed request on its way through its API's policies: what they read of it and what they
 * hand on to the flow (variables, header changes, body inspectors). A class, so that its methods
 * cost no closure per request.
 */
export class ListenerPolicyContext implements PolicyContext {
  readonly apiId: string;
  readonly request: PolicyRequest;
  readonly correlationId: string;
  readonly anypointCompat: boolean;
  readonly vars: Record<string, unknown> = {};
  readonly addedHeaders: Record<string, string> = {};
  readonly removedHeaders = new Set<string>();
  /** Policies' body inspectors (json-threat-protection …); undefined when none, so that reading has no extra step. */
  inspectors: BodyInspector[] | undefined = undefined;
  private requestEvent: FlowEvent | undefined = undefined;

  constructor(
    api: ApiBinding,
    method: string,
    private readonly inbound: InboundRequest,
    gate: Gate | undefined,
  ) {
    const { attributes } = inbound;
    this.apiId = api.apiId;
    // Pointcuts see the request exactly as the route table read it: canonical path, routed method.
    this.request = {
      method,
      path: attributes.requestPath as string,
      relativePath: attributes.relativePath as string,
      resourcePath: (api.ignoreBasePath ? attributes.relativePath : attributes.requestPath) as string,
      headers: attributes.headers as PolicyRequest['headers'],
      remoteAddress: attributes.remoteAddress as string,
    };
    this.correlationId = inbound.correlationId;
    this.anypointCompat = gate?.compatFor(api.apiId) ?? false;
  }

  get log(): Logger {
    return this.inbound.exec.log;
  }

  inspectBody(inspector: BodyInspector): void {
    (this.inspectors ??= []).push(inspector);
  }

  event(): FlowEvent {
    return (this.requestEvent ??= FlowEvent.create({ payload: null, attributes: this.inbound.attributes }, this.correlationId, this.vars));
  }
}

/** A governed flow with no API manager to pass: fail closed. */
export function ungated(apiId: string): ResponseSpec {
  return {
    status: 503,
    headers: {},
    body: { error: 'service_unavailable', error_description: `API ${apiId} has no API manager` },
    mediaType: 'application/json',
  };
}

/**
 * The attributes the flow sees: the request's headers less the ones policies removed, plus the
 * ones they added (a header removed and added again is the added one).
 */
export function withHeaderChanges(
  attributes: Record<string, unknown>,
  added?: Readonly<Record<string, string>>,
  removed?: ReadonlySet<string>,
): Record<string, unknown> {
  const adds = added !== undefined && Object.keys(added).length > 0;
  const removes = removed !== undefined && removed.size > 0;
  if (!adds && !removes) return attributes;
  const headers: Record<string, unknown> = { ...(attributes.headers as object) };
  if (removes) for (const name of removed) delete headers[name];
  return { ...attributes, headers: adds ? { ...headers, ...added } : headers };
}
