import type { JsonLimits, LimitName } from './limits.js';

const NAMES: readonly LimitName[] = ['maxContainerDepth', 'maxStringValueLength', 'maxObjectEntryNameLength', 'maxObjectEntryCount', 'maxArrayElementCount'];

/** A limit: a whole number, -1 for none; exported configurationData sometimes carries it as a string. */
const limit = (description: string) => ({ type: ['integer', 'string'], pattern: '^(-1|[0-9]+)$', minimum: -1, default: -1, description }) as const;

/**
 * json-threat-protection's configuration: Anypoint's parameter names and defaults (-1, no
 * limit), so an exported configurationData carries over.
 */
export const JSON_THREAT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxContainerDepth: limit('deepest nesting of objects and arrays; the outermost container is depth 1'),
    maxStringValueLength: limit('longest string value, in characters (Unicode code points)'),
    maxObjectEntryNameLength: limit('longest object entry name, in characters (Unicode code points)'),
    maxObjectEntryCount: limit('most entries in one object'),
    maxArrayElementCount: limit('most elements in one array'),
  },
} as const;

/** The limits as the schema admits them, as numbers, frozen. */
export function jsonLimits(raw: Readonly<Record<string, unknown>>): JsonLimits {
  const out: Record<string, number> = {};
  for (const name of NAMES) out[name] = raw[name] === undefined ? -1 : Number(raw[name]);
  return Object.freeze(out as unknown as JsonLimits);
}
