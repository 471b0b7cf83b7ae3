import { isJsonMediaType } from '../../runtime/media-type.js';
import { JSON_THREAT_SCHEMA, jsonLimits } from './config.js';
import { jsonInspector } from './inspector.js';
import type { PolicyType } from '../shared/policy.js';

/**
 * `json-threat-protection`, with Anypoint's parameters: a JSON request body (`application/json`,
 * `…+json`) is read as it streams and refused with 400 at the first container nested too deep,
 * string or entry name too long, object or array too big, or character that is not JSON — before
 * the rest is read, and before the flow runs. Other bodies pass untouched.
 *
 * @example
 * const policy = jsonThreatProtection.create({ maxContainerDepth: 10, maxStringValueLength: 1000 }, deps);
 * await policy.handle(ctx, next); // 400 once the body nests 11 deep, the flow never runs
 */
export const jsonThreatProtection: PolicyType = {
  id: 'json-threat-protection',
  schema: JSON_THREAT_SCHEMA,
  create(raw) {
    const limits = jsonLimits(raw);
    return {
      async handle(ctx, next) {
        const type = ctx.request.headers['content-type'];
        const contentType = Array.isArray(type) ? type[0] : type;
        if (!isJsonMediaType(contentType)) return next();
        // Fail closed: a host that cannot show the body to policies must not pass it unchecked.
        const inspector = jsonInspector(limits, charsetOf(contentType!));
        if (inspector) ctx.inspectBody(inspector);
        return next();
      },
    };
  },
};

/** The Content-Type's charset, UTF-8 when it names none (RFC 8259 §8.1). */
function charsetOf(contentType: string): string {
  return /;\s*charset="?([^";]+)"?/i.exec(contentType)?.[1]?.trim().toLowerCase() ?? 'utf-8';
}
