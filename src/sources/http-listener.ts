import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context } from 'koa';
import { FLOWRT, MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import { requestAttributes } from '../http/attributes.js';
import { RECONNECT_STRATEGIES, STREAMING_STRATEGIES } from '../spi/mule-parameters.js';
import { BodyError, collectBody, isSupportedCharset, isUtf8Json, parseBodySliced, parseJsonText, rawBytes, utf8Text } from '../http/body.js';
import type { Collector, ParsedBody } from '../http/body.js';
import type { HttpEndpoint, ListenerConfig } from '../http/endpoint.js';
import { checkPath, joinPath } from '../http/paths.js';
import type { ResponseSpec } from '../http/response.js';
import { writeResponse } from '../http/response.js';
import { FlowEvent } from '../runtime/event.js';
import { attach, errorEvent } from '../runtime/pipeline.js';
import { execContext } from '../runtime/processor.js';
import type { ExecContext } from '../runtime/processor.js';
import type { Flow } from '../runtime/flow.js';
import type { ApiBinding, BodyInspector, Gate, PolicyContext, PolicyRequest } from '../policies/shared/policy.js';
import { BodyRejected } from '../policies/shared/policy.js';
import type { SourceType } from '../spi/component.js';
import { ClientGone } from './client-gone.js';
import type { ResponseBuilder } from './response-builder.js';
import { buildResponse, encodeResponse, responseBuilder, responseSpec } from './response-builder.js';

const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * `<http:listener config-ref path allowedMethods>`: turns each request into an event (body
 * parsed by Content-Type, Mule's request attributes), runs the flow and answers with
 * `http:response`, or `http:error-response` when the flow ends in error.
 */
export const httpListener: SourceType = {
  element: 'http:listener',
  spec: {
    attributes: {
      'config-ref': { kind: 'literal', required: true, ref: 'http:listener-config' },
      path: { kind: 'literal', required: true },
      allowedMethods: { kind: 'literal' },
      outputMimeType: { kind: 'literal' },
      outputEncoding: { kind: 'literal' },
      // Accepted for compatibility: flowrt always buffers, every node listens, Node.js rejects bad framing.
      responseStreamingMode: { kind: 'literal', values: ['AUTO', 'ALWAYS', 'NEVER'] },
      primaryNodeOnly: { kind: 'literal', type: 'boolean' },
      // Mule has it on http:listener-config; kept here for apps written for earlier flowrt versions.
      rejectInvalidTransferEncoding: { kind: 'literal', type: 'boolean' },
    },
    children: {
      'http:response': responseSpec,
      'http:error-response': responseSpec,
      ...STREAMING_STRATEGIES,
      // Accepted: a listener reconnects nothing; a port it cannot bind fails the start.
      ...RECONNECT_STRATEGIES,
    },
    notYet: {
      'redelivery-policy': 'flowrt does not count redeliveries of the same request; the rate-limiting or spike-control policies can bound repeated calls',
    },
  },
  build(node, flow): HttpEndpoint | undefined {
    // Everything is checked before anything can stop the build: one run reports every problem.
    const config = node.config<ListenerConfig>();
    const written = node.literal('path');
    const problem = written === undefined ? undefined : checkPath(written);
    if (problem) node.error(`invalid listener path "${written}": ${problem}`, undefined, node.element.attrs.get('path')?.valueLoc);
    const methods = node.literal('allowedMethods')?.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
    const outputMimeType = node.literal('outputMimeType');
    const outputEncoding = node.literal('outputEncoding');
    if (outputEncoding && !isSupportedCharset(outputEncoding)) node.error(`outputEncoding "${outputEncoding}" is not a charset flowrt can read`);
    const success = responseBuilder(node.child('http:response'));
    const failure = responseBuilder(node.child('http:error-response'));
    if (!config || written === undefined || problem) return undefined;
    const path = joinPath(config.basePath, written);
    const { log, flows, gate, metrics, appName } = node.services;
    const api = node.services.governance(flow.name);
    // Policy rejections never get here: the gate counts those.
    const answered: Answered = (spec, failed, arrived) => {
      metrics.request(appName, flow.name, spec.status, failed, (performance.now() - arrived) / 1000);
      return spec;
    };
    return {
      kind: 'http',
      flowName: flow.name,
      location: node.location,
      config,
      path,
      methods,
      async handle(ctx: Context, routed) {
        const arrived = performance.now();
        const header = ctx.get('x-correlation-id');
        const correlationId = CORRELATION_ID.test(header) ? header : randomUUID();
        const attributes = requestAttributes(ctx, config, path, routed);
        const exec = execContext(log, correlationId, flows, new ClientGone(ctx.res));
        // Policies' body inspectors (json-threat-protection …); undefined when none, so that reading has no extra step.
        let inspectors: BodyInspector[] | undefined;
        // The body is read only once the policies let the request through.
        const run = async (vars?: Record<string, unknown>, addedHeaders?: Record<string, string>, removedHeaders?: ReadonlySet<string>): Promise<ResponseSpec> => {
          let body;
          try {
            body = await readPayload(ctx.req, config.maxRequestBodySize, outputMimeType ?? ctx.get('content-type'), outputEncoding, inspectors);
          } catch (e) {
            // Counted as a request, not a flow error: the flow never ran; the 400/413 status tells it apart.
            return answered(bodyRefused(e, ctx.req), false, arrived);
          }
          const seen = withHeaderChanges(attributes, addedHeaders, removedHeaders);
          const event = FlowEvent.create({ payload: body.payload, attributes: seen, mediaType: body.mediaType }, correlationId, vars);
          return respond(flow, event, exec, success, failure, answered, arrived);
        };
        if (!api) return send(ctx, await run(), exec);
        const policies = policyContext(api, routed.method, attributes, correlationId, exec, gate, (inspector) => void (inspectors ??= []).push(inspector));
        const answer = gate ? await gate.run(api.apiId, policies, () => run(policies.vars, policies.addedHeaders, policies.removedHeaders)) : ungated(api.apiId);
        send(ctx, answer, exec);
      },
    };
  },
};

async function respond(
  flow: Flow,
  event: FlowEvent,
  exec: ExecContext,
  success: ResponseBuilder,
  failure: ResponseBuilder,
  answered: Answered,
  arrived: number,
): Promise<ResponseSpec> {
  let result: FlowEvent;
  try {
    result = await flow.process(event, exec);
  } catch (e) {
    const err = attach(e, event);
    if (err.type === FLOWRT.CANCELLED) {
      exec.log.debug({ flow: flow.name }, err.description);
      // Nobody reads it; 499 (nginx's "client closed request") tells it apart in the metrics.
      return answered({ status: 499, headers: {}, body: null }, false, arrived);
    }
    return answered(await errorResponse(errorEvent(err, event), failure, exec), true, arrived);
  }
  try {
    const spec = await buildResponse(success, result, {
      status: 200,
      body: (ev) => ({ value: ev.message.payload, mediaType: ev.message.mediaType }),
    });
    return answered(await encodeResponse(spec), false, arrived);
  } catch (e) {
    // Mule: a response that cannot be built becomes the error response, without the flow's handler.
    const err = e instanceof FlowError ? e : new FlowError(MULE.SOURCE_RESPONSE_GENERATE, String((e as Error)?.message ?? e), { cause: e });
    exec.log.error({ errorType: err.type.id, flow: flow.name }, err.description);
    return answered(await errorResponse(result.with({ error: err }), failure, exec), true, arrived);
  }
}

/**
 * Writes the answer. What the flow answers is checked before (response-builder.ts); what a policy
 * added could still be refused by Node: then a plain 500, logged with the event's correlation id,
 * rather than Koa's bare one.
 */
function send(ctx: Context, spec: ResponseSpec, exec: ExecContext): void {
  try {
    writeResponse(ctx, spec);
  } catch (e) {
    exec.log.error({ errorType: MULE.SOURCE_RESPONSE_SEND.id, err: (e as Error)?.message }, 'the response could not be written; answering 500');
    for (const name of ctx.res.getHeaderNames()) ctx.res.removeHeader(name);
    writeResponse(ctx, { status: 500, headers: {}, body: 'Internal Server Error: the response could not be written', mediaType: 'text/plain; charset=utf-8' });
  }
}

/** Reports the answer to metrics and hands it back; `arrived` is the request's `performance.now()`. */
type Answered = (spec: ResponseSpec, failed: boolean, arrived: number) => ResponseSpec;

async function errorResponse(event: FlowEvent, failure: ResponseBuilder, exec: ExecContext): Promise<ResponseSpec> {
  try {
    const spec = await buildResponse(failure, event, {
      status: 500,
      body: (ev) => ({ value: ev.error?.description ?? '', mediaType: 'text/plain; charset=utf-8' }),
    });
    return await encodeResponse(spec);
  } catch (e) {
    exec.log.error({ errorType: MULE.SOURCE_ERROR_RESPONSE_GENERATE.id, err: (e as Error)?.message }, 'http:error-response could not be built; answering 500');
    return { status: 500, headers: {}, body: event.error?.description ?? 'Internal Server Error', mediaType: 'text/plain; charset=utf-8' };
  }
}

/**
 * The payload of the request's body. UTF-8 JSON is decoded as it arrives and read in slices
 * (json-reader.ts): a 9 MB order must not hold every other request for the ~100 ms JSON.parse
 * would take.
 */
async function readPayload(req: IncomingMessage, limit: number, contentType: string, charset: string | undefined, inspectors: readonly BodyInspector[] | undefined): Promise<ParsedBody> {
  const type = contentType || undefined;
  if (isUtf8Json(type, charset)) return parseJsonText(await readInspected(req, limit, utf8Text(), inspectors), type);
  return parseBodySliced(await readInspected(req, limit, rawBytes(), inspectors), type, charset);
}

/** The body, each chunk shown to the policies' inspectors as it arrives, then the end. */
async function readInspected<T>(req: IncomingMessage, limit: number, collector: Collector<T>, inspectors: readonly BodyInspector[] | undefined): Promise<T> {
  if (!inspectors) return collectBody(req, limit, collector);
  const body = await collectBody(req, limit, collector, (chunk) => {
    for (const inspector of inspectors) inspector.write(chunk);
  });
  for (const inspector of inspectors) inspector.end();
  return body;
}

/**
 * A body the listener or a policy's inspector refuses: 400-class, and the connection closed when
 * its rest is unread (it is drained until the answer is written, not kept).
 */
function bodyRefused(e: unknown, req: IncomingMessage): ResponseSpec {
  if (e instanceof BodyRejected) {
    const body = { error: e.error, error_description: e.description };
    return { status: e.status, headers: req.complete ? {} : { connection: 'close' }, body, mediaType: 'application/json' };
  }
  const err = e instanceof BodyError ? e : new BodyError(400, 'request body could not be read');
  return { status: err.status, headers: err.status === 413 ? { connection: 'close' } : {}, body: err.message, mediaType: 'text/plain; charset=utf-8' };
}

/** A governed flow with no API manager to pass: fail closed. */
function ungated(apiId: string): ResponseSpec {
  return { status: 503, headers: {}, body: { error: 'service_unavailable', error_description: `API ${apiId} has no API manager` }, mediaType: 'application/json' };
}

function policyContext(
  api: ApiBinding,
  method: string,
  attributes: Record<string, unknown>,
  correlationId: string,
  exec: ExecContext,
  gate: Gate | undefined,
  inspectBody: (inspector: BodyInspector) => void,
): PolicyContext {
  // Pointcuts see the request exactly as the route table read it: canonical path, routed method.
  const request: PolicyRequest = {
    method,
    path: attributes.requestPath as string,
    relativePath: attributes.relativePath as string,
    resourcePath: (api.ignoreBasePath ? attributes.relativePath : attributes.requestPath) as string,
    headers: attributes.headers as PolicyRequest['headers'],
    remoteAddress: attributes.remoteAddress as string,
  };
  const vars: Record<string, unknown> = {};
  let event: FlowEvent | undefined;
  return {
    apiId: api.apiId,
    request,
    correlationId,
    get log() {
      return exec.log;
    },
    anypointCompat: gate?.compatFor(api.apiId) ?? false,
    vars,
    addedHeaders: {},
    removedHeaders: new Set(),
    inspectBody,
    event: () => (event ??= FlowEvent.create({ payload: null, attributes }, correlationId, vars)),
  };
}

/**
 * The attributes the flow sees: the request's headers less the ones policies removed, plus the
 * ones they added (a header removed and added again is the added one).
 */
function withHeaderChanges(attributes: Record<string, unknown>, added?: Readonly<Record<string, string>>, removed?: ReadonlySet<string>): Record<string, unknown> {
  const adds = added !== undefined && Object.keys(added).length > 0;
  const removes = removed !== undefined && removed.size > 0;
  if (!adds && !removes) return attributes;
  const headers: Record<string, unknown> = { ...(attributes.headers as object) };
  if (removes) for (const name of removed) delete headers[name];
  return { ...attributes, headers: adds ? { ...headers, ...added } : headers };
}
