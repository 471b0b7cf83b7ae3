import { MULE } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Value } from '../../expr/value.js';
import { toText } from '../../expr/value.js';
import { enumSetting } from '../../expr/setting.js';
import type { BodyMode, RequestConfig } from '../../http/client/request-config.js';
import { joinPath } from '../../http/paths.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { ComponentNode } from '../../spi/component.js';

export interface RequestParts {
  readonly url: URL;
  readonly headers: Record<string, string | string[]>;
}

/**
 * Where an `http:request` goes and with which headers, per event: the config's origin and
 * basePath joined to `path` (or a full `url`), `{name}` filled from `http:uri-params`, query
 * parameters from the config's defaults and `http:query-params`, headers from the config's
 * defaults overridden by `http:headers`, and `X-Correlation-ID` unless told not to.
 */
export function outboundRequest(
  node: ComponentNode,
  config: RequestConfig | undefined,
  locator: Value | undefined,
  isPath: boolean,
): ((event: FlowEvent) => Promise<RequestParts>) | undefined {
  const headers = node.child('http:headers')?.text();
  const uriParams = node.child('http:uri-params')?.text();
  const queryParams = node.child('http:query-params')?.text();
  const correlationId = node.value('correlationId');
  const sendCorrelation = enumSetting<BodyMode>(
    node.value('sendCorrelationId'),
    ['AUTO', 'ALWAYS', 'NEVER'],
    config?.sendCorrelationId ?? 'AUTO',
    'sendCorrelationId',
  );
  if (!locator) return undefined;
  return async (event) => {
    const [where, headerMap, uriMap, queryMap, correlation] = await Promise.all([
      locator.evaluate(event),
      headers?.evaluate(event),
      uriParams?.evaluate(event),
      queryParams?.evaluate(event),
      correlationId?.evaluate(event),
    ]);
    const written = fillUriParams(toText(where), mapOf(uriMap, 'http:uri-params'));
    let url: URL;
    try {
      url = new URL(isPath ? `${config!.origin}${joinPath(config!.basePath, written)}` : written);
    } catch {
      throw new FlowError(MULE.EXPRESSION, `"${written}" is not a URL an http:request can call`);
    }
    for (const [name, value] of config?.defaultQueryParams ?? []) appendParam(url, name, await value(event));
    for (const [name, value] of Object.entries(mapOf(queryMap, 'http:query-params'))) appendParam(url, name, value);
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of config?.defaultHeaders ?? []) setHeader(out, name, await value(event));
    for (const [name, value] of Object.entries(mapOf(headerMap, 'http:headers'))) setHeader(out, name, value);
    if ((sendCorrelation.constant ?? (await sendCorrelation.get(event))) !== 'NEVER' && !hasHeader(out, 'x-correlation-id')) {
      out['x-correlation-id'] = correlation === undefined || correlation === null ? event.correlationId : toText(correlation);
    }
    return { url, headers: out };
  };
}

function mapOf(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FlowError(MULE.EXPRESSION, `${what} must give an object of names to values, not ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** `{id}` in the path, percent-encoded as one segment; a placeholder without a value is an error. */
function fillUriParams(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^{}/]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new FlowError(MULE.EXPRESSION, `the request path has {${name}} but http:uri-params gives no value for it`);
    }
    return encodeURIComponent(toText(value));
  });
}

function appendParam(url: URL, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, toText(item));
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** A header set later replaces one of the same name in any case, as HTTP names are case-insensitive. */
function setHeader(headers: Record<string, string | string[]>, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  for (const h of Object.keys(headers)) if (h.toLowerCase() === name.toLowerCase()) delete headers[h];
  headers[name] = Array.isArray(value) ? value.map(toText) : toText(value);
}
