import { MULE } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Value } from '../../expr/value.js';
import { toText } from '../../expr/value.js';
import { enumSetting } from '../../expr/setting.js';
import type { RequestTarget } from '../../http/client/outbound.js';
import type { BodyMode, RequestConfig } from '../../http/client/request-config.js';
import { joinPath } from '../../http/paths.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { ComponentNode } from '../../spi/component.js';
import { pathTargets } from './request-target.js';
import { uriTemplate } from './uri-template.js';

export interface RequestParts {
  readonly url: RequestTarget;
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
  const targets = isPath && config?.origin ? pathTargets(config.origin) : undefined;
  const queried = Boolean(queryParams) || (config?.defaultQueryParams?.length ?? 0) > 0;
  const fixed = locator.constant ? uriTemplate(locator.source) : undefined;
  return async (event) => {
    // One await per expression actually written, none for constants: a Promise.all of five
    // (most of them absent) cost more than the one uri-params expression a proxy has.
    const fill = fixed ?? uriTemplate(toText(await locator.evaluate(event)));
    const written = fill(mapOf(uriParams && (await uriParams.evaluate(event)), 'http:uri-params'));
    const path = isPath ? joinPath(config!.basePath, written) : written;
    let url: RequestTarget | undefined = queried ? undefined : targets?.(path);
    if (!url) {
      let parsed: URL;
      try {
        parsed = new URL(isPath ? `${config!.origin}${path}` : written);
      } catch {
        throw new FlowError(MULE.EXPRESSION, `"${written}" is not a URL an http:request can call`);
      }
      for (const [name, value] of config?.defaultQueryParams ?? []) appendParam(parsed, name, await value(event));
      if (queryParams)
        for (const [name, value] of Object.entries(mapOf(await queryParams.evaluate(event), 'http:query-params'))) appendParam(parsed, name, value);
      url = parsed;
    }
    const correlation = correlationId ? await correlationId.evaluate(event) : undefined;
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of config?.defaultHeaders ?? []) setHeader(out, name, await value(event));
    if (headers) for (const [name, value] of Object.entries(mapOf(await headers.evaluate(event), 'http:headers'))) setHeader(out, name, value);
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
