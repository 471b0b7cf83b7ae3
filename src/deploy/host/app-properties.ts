/**
 * Properties given to one app at deploy time (`flowrt deploy FILE --prop k=v`, the admin API):
 * over the runtime's `--prop` and the app's own files, kept with its deployment (the apps folder
 * holds them next to its archive, so a restart deploys the app with them again).
 */
export type AppProperties = Readonly<Record<string, string>>;

/** The request header `PUT /apps/{name}` takes them in: base64url of a JSON object. */
export const PROPERTIES_HEADER = 'flowrt-properties';

const MAX_ENTRIES = 1_000;
const MAX_KEY = 256;
const MAX_VALUE = 64 * 1024;

/**
 * A JSON object of properties as strings (numbers and booleans are written as text), or why not.
 *
 * @example
 * readProperties({ 'http.port': 8081 }); // { properties: { 'http.port': '8081' } }
 */
export function readProperties(value: unknown): { properties: AppProperties } | { problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'properties must be a JSON object of names to values' };
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_ENTRIES) return { problem: `at most ${MAX_ENTRIES} properties may be given` };
  const properties: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (key.trim() === '' || key.length > MAX_KEY || /[\s${}]/.test(key))
      return { problem: `"${key.slice(0, 40)}" is not a property name (no spaces, $, { or }; at most ${MAX_KEY} characters)` };
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return { problem: `property ${key} must be a string, a number or a boolean` };
    const text = String(v);
    if (text.length > MAX_VALUE) return { problem: `property ${key} is longer than ${MAX_VALUE} characters` };
    properties[key] = text;
  }
  return { properties };
}

/** `k=v` pairs as the header value. */
export function encodeProperties(properties: AppProperties): string {
  return Buffer.from(JSON.stringify(properties), 'utf8').toString('base64url');
}

/** The header value as properties, or why it cannot be read. */
export function decodeProperties(header: string): { properties: AppProperties } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    return { problem: `the ${PROPERTIES_HEADER} header is not base64url of a JSON object` };
  }
  return readProperties(value);
}
