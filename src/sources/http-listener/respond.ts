import { FLOWRT, MULE } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { ResponseSpec } from '../../http/response.js';
import type { FlowEvent } from '../../runtime/event.js';
import { attach, errorEvent } from '../../runtime/pipeline.js';
import type { ExecContext } from '../../runtime/processor.js';
import type { ResponseBuilder } from '../response-builder.js';
import { buildResponse, encodeResponse } from '../response-builder.js';
import type { ListenerRoute } from './route.js';

/**
 * Runs the flow and builds its response: `http:response` when it ends normally,
 * `http:error-response` when it ends in error or its response cannot be built. Each response is
 * counted in the metrics; `arrived` is the request's `performance.now()`.
 */
export async function respond(route: ListenerRoute, event: FlowEvent, exec: ExecContext, arrived: number): Promise<ResponseSpec> {
  const { flow } = route;
  let result: FlowEvent;
  try {
    result = await flow.process(event, exec);
  } catch (e) {
    const err = attach(e, event);
    if (err.type === FLOWRT.CANCELLED) {
      exec.log.debug({ flow: flow.name }, err.description);
      // Nobody reads it; 499 (nginx's "client closed request") tells it apart in the metrics.
      return recordResponse(route, { status: 499, headers: {}, body: null }, false, arrived);
    }
    return recordResponse(route, await errorResponse(errorEvent(err, event), route.failure, exec), true, arrived);
  }
  try {
    const spec = await buildResponse(route.success, result, {
      status: 200,
      body: (ev) => ({ value: ev.message.payload, mediaType: ev.message.mediaType }),
    });
    return recordResponse(route, await encodeResponse(spec), false, arrived);
  } catch (e) {
    // Mule: a response that cannot be built becomes the error response, without the flow's handler.
    const err = e instanceof FlowError ? e : new FlowError(MULE.SOURCE_RESPONSE_GENERATE, String((e as Error)?.message ?? e), { cause: e });
    exec.log.error({ errorType: err.type.id, flow: flow.name }, err.description);
    return recordResponse(route, await errorResponse(result.with({ error: err }), route.failure, exec), true, arrived);
  }
}

/** `http:error-response` for an event in error; a plain 500 when even that cannot be built. */
export async function errorResponse(event: FlowEvent, failure: ResponseBuilder, exec: ExecContext): Promise<ResponseSpec> {
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
 * Reports a response of the flow's (or of the listener's own, for a refused body) to the metrics
 * and hands it back. Policy rejections never get here: the gate counts those.
 */
export function recordResponse(route: ListenerRoute, spec: ResponseSpec, failed: boolean, arrived: number): ResponseSpec {
  route.metrics.request(route.appName, route.flow.name, spec.status, failed, (performance.now() - arrived) / 1000);
  return spec;
}
