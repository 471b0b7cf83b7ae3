import { toText } from '../../expr/value.js';
import type { Value } from '../../expr/value.js';
import { policyValue } from '../shared/expressions.js';
import type { PolicyType } from '../shared/policy.js';
import { withHeaders } from '../shared/refusals.js';
import { TOKEN_PATTERN } from '../../util/http-token.js';

interface HeaderEntry {
  key: string;
  value: string;
}

const entries = {
  type: 'array',
  items: {
    type: 'object',
    required: ['key', 'value'],
    additionalProperties: false,
    properties: { key: { type: 'string', pattern: TOKEN_PATTERN }, value: { type: 'string' } },
  },
} as const;

/**
 * `header-injection` (Anypoint's parameters): `inboundHeaders` the flow sees added to the request,
 * `outboundHeaders` added to the response; each value a literal or `#[…]` over the request. An
 * injected request header replaces whatever the client sent under that name (in any case, once
 * or more): the flow sees the policy's value only.
 */
export const headerInjection: PolicyType = {
  id: 'header-injection',
  schema: { type: 'object', additionalProperties: false, properties: { inboundHeaders: entries, outboundHeaders: entries } },
  create(config) {
    const compile = (list: unknown, name: string): Array<[string, Value]> =>
      ((list as HeaderEntry[] | undefined) ?? []).map((h, i) => [h.key.toLowerCase(), policyValue(h.value, `/${name}/${i}/value`)]);
    const inbound = compile(config.inboundHeaders, 'inboundHeaders');
    const outbound = compile(config.outboundHeaders, 'outboundHeaders');
    return {
      async handle(ctx, next) {
        for (const [name, value] of inbound) {
          ctx.removedHeaders.add(name);
          ctx.addedHeaders[name] = toText(await value.evaluate(ctx.event()));
        }
        const response = await next();
        if (outbound.length === 0) return response;
        const added: Record<string, string> = {};
        for (const [name, value] of outbound) added[name] = toText(await value.evaluate(ctx.event()));
        return withHeaders(response, added);
      },
    };
  },
};
