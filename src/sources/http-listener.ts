import { RECONNECT_STRATEGIES, STREAMING_STRATEGIES } from '../spi/mule-parameters.js';
import { isSupportedCharset } from '../http/body.js';
import type { HttpEndpoint, ListenerConfig } from '../http/endpoint.js';
import { checkPath, joinPath } from '../http/paths.js';
import type { SourceType } from '../spi/component.js';
import { handleRequest } from './http-listener/handle-request.js';
import type { ListenerRoute } from './http-listener/route.js';
import { responseBuilder, responseSpec } from './response-builder.js';

/**
 * `<http:listener config-ref path allowedMethods>`: turns each request into an event (body
 * parsed by Content-Type, Mule's request attributes), runs the flow and responds with
 * `http:response`, or `http:error-response` when the flow ends in error. This file reads and
 * checks the element; what happens to each request is in http-listener/ as named stages.
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
    if (problem) node.error('invalid-listener-path', `invalid listener path "${written}": ${problem}`, undefined, node.element.attrs.get('path')?.valueLoc);
    const methods = node
      .literal('allowedMethods')
      ?.split(',')
      .map((m) => m.trim().toUpperCase())
      .filter(Boolean);
    const outputMimeType = node.literal('outputMimeType');
    const outputEncoding = node.literal('outputEncoding');
    if (outputEncoding && !isSupportedCharset(outputEncoding))
      node.error('invalid-encoding', `outputEncoding "${outputEncoding}" is not a charset flowrt can read`);
    const success = responseBuilder(node.child('http:response'));
    const failure = responseBuilder(node.child('http:error-response'));
    if (!config || written === undefined || problem) return undefined;
    const { log, flows, gate, metrics, appName } = node.services;
    const route: ListenerRoute = {
      flow,
      config,
      path: joinPath(config.basePath, written),
      outputMimeType,
      outputEncoding,
      success,
      failure,
      api: node.services.governance(flow.name),
      gate,
      log,
      flows,
      metrics,
      appName,
    };
    return {
      kind: 'http',
      flowName: flow.name,
      location: node.location,
      config,
      path: route.path,
      methods,
      handle: (exchange, routed) => handleRequest(route, exchange, routed),
    };
  },
};
