import type { ResponseSpec } from '../../http/response.js';
import type { PolicyContext, PolicyType } from '../shared/policy.js';
import { PolicyConfigError } from '../shared/policy.js';

/** Names or regular expressions; Anypoint's UI also takes them comma-separated in one string. */
const patterns = (description: string) => ({ type: ['array', 'string'], items: { type: 'string', minLength: 1 }, default: [], description }) as const;

/** Headers Anypoint never removes: the connection and the message framing depend on them. */
const KEPT = new Set(['user-agent', 'accept', 'host', 'content-type', 'content-length', 'date', 'transfer-encoding', 'connection']);

type Matcher = (name: string) => boolean;

/**
 * `header-removal`, with Anypoint's parameters: `inboundHeaders` are removed from the request
 * before the flow sees it, `outboundHeaders` from the response before the client gets it. Each
 * entry is a header name or a regular expression matching whole names, case-insensitively
 * (`Access-Control.*`, `x-internal-.*`). Headers the message depends on (Host, Content-Type,
 * Content-Length …) are never removed, as in Anypoint.
 *
 * @example
 * const policy = headerRemoval.create({ inboundHeaders: ['x-debug'], outboundHeaders: ['server', 'x-internal-.*'] }, deps);
 * await policy.handle(ctx, next); // the flow sees no x-debug; the client no Server or x-internal-*
 */
export const headerRemoval: PolicyType = {
  id: 'header-removal',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      inboundHeaders: patterns('request headers the flow must not see: names or regular expressions (whole name, any case)'),
      outboundHeaders: patterns('response headers the client must not get: names or regular expressions (whole name, any case)'),
    },
  },
  create(config) {
    const inbound = matcher(config.inboundHeaders, 'inboundHeaders');
    const outbound = matcher(config.outboundHeaders, 'outboundHeaders');
    if (!inbound && !outbound) throw new PolicyConfigError('inboundHeaders and outboundHeaders cannot both be empty (as in Anypoint)', '/inboundHeaders');
    return {
      async handle(ctx, next) {
        if (inbound) removeInbound(ctx, inbound);
        const response = await next();
        return outbound ? removeOutbound(response, outbound) : response;
      },
    };
  },
};

/**
 * Marks the request's matching headers removed for the flow, and drops matching ones earlier
 * policies added (a later `header-injection` may add one again).
 */
function removeInbound(ctx: PolicyContext, matches: Matcher): void {
  const removed = ctx.removedHeaders;
  for (const name of Object.keys(ctx.request.headers)) if (matches(name)) removed.add(name);
  for (const name of Object.keys(ctx.addedHeaders)) {
    if (!matches(name)) continue;
    delete ctx.addedHeaders[name];
    removed.add(name);
  }
}

function removeOutbound(response: ResponseSpec, matches: Matcher): ResponseSpec {
  const names = Object.keys(response.headers);
  if (!names.some((n) => matches(n.toLowerCase()))) return response;
  return { ...response, headers: Object.fromEntries(Object.entries(response.headers).filter(([n]) => !matches(n.toLowerCase()))) };
}

/** One test for all entries (undefined when there are none), compiled once; a bad regex is refused at its entry. */
function matcher(raw: unknown, name: string): Matcher | undefined {
  const list = typeof raw === 'string' ? raw.split(',') : ((raw as string[] | undefined) ?? []);
  const at = (i: number) => (typeof raw === 'string' ? `/${name}` : `/${name}/${i}`);
  const compiled = list
    .map((p, i) => [p.trim(), i] as const)
    .filter(([p]) => p !== '')
    .map(([p, i]) => {
      try {
        return new RegExp(`^(?:${p})$`, 'i');
      } catch (e) {
        throw new PolicyConfigError(`"${p}" is not a header name or regular expression: ${(e as Error).message}`, at(i));
      }
    });
  if (compiled.length === 0) return undefined;
  return (header) => !KEPT.has(header) && compiled.some((re) => re.test(header));
}
