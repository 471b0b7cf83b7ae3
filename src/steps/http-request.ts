import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { Value } from '../expr/value.js';
import { toText } from '../expr/value.js';
import { booleanSetting, enumSetting } from '../expr/setting.js';
import { exchange } from '../http/client/exchange.js';
import { HttpClient } from '../http/client/http-client.js';
import type { BodyMode, RequestConfig } from '../http/client/request-config.js';
import { serialize } from '../http/serialize.js';
import { applyTarget } from '../runtime/target.js';
import type { ComponentNode, StepType } from '../spi/component.js';
import { ERROR_MAPPING, RECONNECT_STRATEGIES, STREAMING_STRATEGIES, reconnectStrategy } from '../spi/mule-parameters.js';
import { DEFAULT_VALIDATOR, RESPONSE_VALIDATOR, statusValidator } from '../spi/response-validator.js';
import { outboundRequest } from './http-request/request-parts.js';

const BODY_MODES: readonly BodyMode[] = ['AUTO', 'ALWAYS', 'NEVER'];
const MODES = [...BODY_MODES];
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);
const map = { attributes: {}, text: 'expression' as const };

/**
 * `<http:request>`: Mule's outbound HTTP operation, on the config's keep-alive pool. The result
 * replaces the message (or goes to `target`); a rejected status, a timeout, a refused or reset
 * connection each raise their HTTP:* error with the response, if any, as `error.errorMessage`.
 */
export const httpRequest: StepType = {
  element: 'http:request',
  spec: {
    attributes: {
      'config-ref': { kind: 'literal', ref: 'http:request-config' },
      method: { kind: 'expression-supported', default: 'GET' },
      url: { kind: 'expression-supported' },
      path: { kind: 'expression-supported' },
      // Mule's HTTP connector lets these override its config per request, expressions included.
      followRedirects: { kind: 'expression-supported', type: 'boolean' },
      sendBodyMode: { kind: 'expression-supported', values: MODES },
      requestStreamingMode: { kind: 'expression-supported', values: MODES, doc: 'Accepted; flowrt sends every request body buffered, with a Content-Length.' },
      responseTimeout: { kind: 'expression-supported' },
      sendCorrelationId: { kind: 'expression-supported', values: MODES },
      correlationId: { kind: 'expression-supported' },
      outputMimeType: { kind: 'literal' },
      outputEncoding: { kind: 'literal' },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
    children: {
      'http:body': { attributes: {}, text: 'expression-supported' },
      'http:headers': map,
      'http:uri-params': map,
      'http:query-params': map,
      'http:response-validator': RESPONSE_VALIDATOR,
      'error-mapping': ERROR_MAPPING,
      ...RECONNECT_STRATEGIES,
      ...STREAMING_STRATEGIES,
    },
  },
  build(node) {
    const config = node.config<RequestConfig>();
    const url = node.value('url');
    const path = node.value('path');
    // Every part is read (and so checked) before a problem may stop the build: one run reports them all.
    const written = node.child('http:response-validator');
    const validation = written ? statusValidator(written) : (config?.responseValidator ?? DEFAULT_VALIDATOR);
    const reconnect = reconnectStrategy(node, 'on a request') ?? config?.reconnect;
    const method = node.value('method')!;
    const parts = outboundRequest(node, config, url ?? path, Boolean(path));
    const bodyMode = enumSetting<BodyMode>(node.value('sendBodyMode'), BODY_MODES, config?.sendBodyMode ?? 'AUTO', 'sendBodyMode');
    const bodyValue = node.child('http:body')?.text();
    const timeout = node.value('responseTimeout');
    const follow = booleanSetting(node.value('followRedirects'), config?.followRedirects ?? true);
    const outputMimeType = node.literal('outputMimeType');
    const target = node.literal('target');
    const targetValue = target ? node.value('targetValue') : undefined;
    if (url?.constant) checkUrl(node, url);
    if (!url === !path)
      return void node.error('url-or-path-required', '<http:request> needs either url or path (with a config-ref whose connection names a host)');
    if (node.element.attrs.has('config-ref') && !config) return undefined;
    if (path && !config?.origin)
      return void node.error(
        'path-without-host',
        'path needs a config-ref to an http:request-config whose http:request-connection names a host',
        'or give a full url',
      );
    if (!parts || !validation) return undefined;
    const defaultTimeout = config?.responseTimeout ?? node.services.settings.defaultResponseTimeout;
    // Without a config-ref Mule uses an implicit default config: a pool of this request's own.
    let implicit: HttpClient | undefined;
    const client = config?.client ?? (() => (implicit ??= new HttpClient({ connectionIdleTimeout: 30_000, usePersistentConnections: true })));
    node.services.onStop(async () => {
      await implicit?.close();
      implicit = undefined;
    });
    const fixedVerb = method.constant ? method.source.toUpperCase() : undefined;
    // A literal timeout that is no positive number still fails per request, as Mule's does.
    const literalTimeout = timeout?.constant ? Number(timeout.source) : NaN;
    const fixedTimeout = Number.isFinite(literalTimeout) && literalTimeout > 0 ? literalTimeout : undefined;
    return {
      location: node.location,
      async process(event, ctx) {
        // Settings written as literals (most are) were read at build: no await per request for them.
        const verb = fixedVerb ?? toText(await method.evaluate(event)).toUpperCase();
        const { url: resource, headers } = await parts(event);
        let body: string | Buffer | undefined;
        const mode = bodyMode.constant ?? (await bodyMode.get(event));
        if (mode === 'ALWAYS' || (mode === 'AUTO' && !BODYLESS.has(verb))) {
          const value = bodyValue ? await bodyValue.evaluate(event) : event.message.payload;
          const written = serialize(value, value === event.message.payload ? event.message.mediaType : undefined);
          body = written.body;
          if (written.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = written.contentType;
        }
        const timeoutMs = fixedTimeout ?? (timeout ? positive(await timeout.evaluate(event), 'responseTimeout') : defaultTimeout);
        const followRedirects = follow.constant ?? (await follow.get(event));
        const message = await exchange(
          { method: verb, url: resource, headers, body, timeoutMs, followRedirects, cancel: ctx.cancellation },
          { client: client(), auth: config?.auth, reconnect, ...validation, outputMimeType },
        );
        // Without a target the result is the event as it is: no async applyTarget to wait on.
        if (!target) return event.with({ message });
        return applyTarget(event, event.with({ message }), target, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};

function checkUrl(node: ComponentNode, url: Value): void {
  try {
    new URL(url.source);
  } catch {
    node.error('url-not-absolute', `url "${url.source}" is not an absolute URL`, undefined, node.element.attrs.get('url')?.valueLoc);
  }
}

function positive(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new FlowError(MULE.EXPRESSION, `${what} must be a positive number of milliseconds, not ${JSON.stringify(value)}`);
  return n;
}
