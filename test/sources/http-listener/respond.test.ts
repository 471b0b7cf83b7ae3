import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FLOWRT, MULE } from '../../../src/errors/catalog/index.js';
import { FlowError } from '../../../src/errors/flow-error.js';
import type { Value } from '../../../src/expr/value.js';
import type { ListenerConfig } from '../../../src/http/endpoint.js';
import { FlowEvent } from '../../../src/runtime/event.js';
import { Flow } from '../../../src/runtime/flow.js';
import { NO_METRICS } from '../../../src/runtime/metrics.js';
import type { RuntimeMetrics } from '../../../src/runtime/metrics.js';
import { execContext } from '../../../src/runtime/processor.js';
import type { ResponseBuilder } from '../../../src/sources/response-builder.js';
import { respond } from '../../../src/sources/http-listener/respond.js';
import type { ListenerRoute } from '../../../src/sources/http-listener/route.js';

const log = pino({ level: 'silent' });

function routeTo(process: (event: FlowEvent) => Promise<FlowEvent>, success: ResponseBuilder = {}) {
  const recorded: Array<{ status: number; failed: boolean }> = [];
  const metrics: RuntimeMetrics = { ...NO_METRICS, request: (_app, _flow, status, failed) => void recorded.push({ status, failed }) };
  const flow = new Flow('orders', 'flow', { process }, undefined, 'app.xml:1');
  const route: ListenerRoute = {
    flow,
    config: {} as ListenerConfig,
    path: '/orders',
    outputMimeType: undefined,
    outputEncoding: undefined,
    success,
    failure: {},
    api: undefined,
    gate: undefined,
    log,
    flows: new Map(),
    metrics,
    appName: 'shop',
  };
  return { route, recorded };
}

const request = FlowEvent.create({ payload: { id: 7 }, attributes: {}, mediaType: 'application/json' }, 'c-1');
const exec = () => execContext(log, 'c-1', new Map());

describe('listener stage: respond', () => {
  it('responds with the payload the flow ends with and records a 200 that did not fail', async () => {
    const { route, recorded } = routeTo(async (event) => event.with({ message: { payload: 'done', attributes: {}, mediaType: 'text/plain' } }));
    const spec = await respond(route, request, exec(), performance.now());
    expect(spec).toMatchObject({ status: 200, body: 'done', mediaType: 'text/plain' });
    expect(recorded).toEqual([{ status: 200, failed: false }]);
  });

  it('builds the error response from a flow that ends in error and records it as failed', async () => {
    const { route, recorded } = routeTo(async () => {
      throw new FlowError(MULE.EXPRESSION, 'no such order');
    });
    const spec = await respond(route, request, exec(), performance.now());
    expect(spec).toMatchObject({ status: 500, body: 'no such order', mediaType: 'text/plain; charset=utf-8' });
    expect(recorded).toEqual([{ status: 500, failed: true }]);
  });

  it('records a request whose client went away as 499, not as a failure', async () => {
    const { route, recorded } = routeTo(async () => {
      throw new FlowError(FLOWRT.CANCELLED, 'the client closed the connection');
    });
    const spec = await respond(route, request, exec(), performance.now());
    expect(spec.status).toBe(499);
    expect(recorded).toEqual([{ status: 499, failed: false }]);
  });

  it('turns a response that cannot be built into the error response, as Mule does', async () => {
    const statusCode: Value = { constant: true, source: 'abc', evaluate: async () => 'abc' };
    const { route, recorded } = routeTo(async (event) => event, { statusCode });
    const spec = await respond(route, request, exec(), performance.now());
    expect(spec.status).toBe(500);
    expect(String(spec.body)).toContain('is not an HTTP status code');
    expect(recorded).toEqual([{ status: 500, failed: true }]);
  });
});
