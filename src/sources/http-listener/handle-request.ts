import { headerOf } from '../../http/exchange.js';
import type { HttpExchange } from '../../http/exchange.js';
import type { RoutedRequest } from '../../http/endpoint.js';
import type { ResponseSpec } from '../../http/response.js';
import { FlowEvent } from '../../runtime/event.js';
import { ListenerPolicyContext, ungated, withHeaderChanges } from './policy-pass.js';
import { bodyRefused, readPayload } from './read-body.js';
import type { InboundRequest } from './receive.js';
import { receive } from './receive.js';
import { respond, recordResponse } from './respond.js';
import type { ListenerRoute } from './route.js';
import { send } from './send.js';

/**
 * One request through a listener, as koa names its own path (callback → handleRequest →
 * respond): receive it, pass its API's policies when the flow is governed, run the flow, send
 * the response. The body is read only once the policies let the request through.
 */
export async function handleRequest(route: ListenerRoute, exchange: HttpExchange, routed: RoutedRequest): Promise<void> {
  const request = receive(route, exchange, routed);
  const { api, gate } = route;
  if (!api) return send(exchange, await runFlow(route, request, undefined), request.exec);
  const policies = new ListenerPolicyContext(api, routed.method, request, gate);
  const response = gate ? await gate.run(api.apiId, policies, () => runFlow(route, request, policies)) : ungated(api.apiId);
  send(exchange, response, request.exec);
}

/**
 * The request as the flow's event (its body read, shown to the policies' inspectors; the headers
 * as the policies left them), run through the flow to its response.
 */
export async function runFlow(route: ListenerRoute, request: InboundRequest, policies: ListenerPolicyContext | undefined): Promise<ResponseSpec> {
  const { req } = request.exchange;
  let body;
  try {
    body = await readPayload(
      req,
      route.config.maxRequestBodySize,
      route.outputMimeType ?? headerOf(req, 'content-type'),
      route.outputEncoding,
      policies?.inspectors,
    );
  } catch (e) {
    // Counted as a request, not a flow error: the flow never ran; the 400/413 status tells it apart.
    return recordResponse(route, bodyRefused(e, req), false, request.arrived);
  }
  const seen = withHeaderChanges(request.attributes, policies?.addedHeaders, policies?.removedHeaders);
  const event = FlowEvent.create({ payload: body.payload, attributes: seen, mediaType: body.mediaType }, request.correlationId, policies?.vars);
  return respond(route, event, request.exec, request.arrived);
}
