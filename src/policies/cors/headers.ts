import type { CorsConfig, OriginGroup } from './config.js';
import { originOf } from './config.js';

type Headers = Record<string, string>;

/**
 * The CORS headers of a preflight's answer (W3C CORS §6.2, Fetch §3.2): the origin, its group's
 * methods, the asked-for headers and the group's max-age; undefined when the origin, the method
 * or one of the headers is not allowed — the answer then carries no CORS headers, and the browser
 * does not send the request. A public resource allows what is asked.
 */
export function preflightHeaders(config: CorsConfig, origin: string, method: string, requested: readonly string[]): Headers | undefined {
  const allowHeaders: Headers = requested.length > 0 ? { 'access-control-allow-headers': requested.join(', ') } : {};
  if (config.publicResource) {
    const allowOrigin = originHeaders(config, origin, true);
    return allowOrigin && { ...allowOrigin, 'access-control-allow-methods': method, ...allowHeaders };
  }
  const group = groupOf(config, origin);
  if (!group || !group.methods.includes(method.toUpperCase())) return undefined;
  if (requested.some((h) => !group.headers.has(h))) return undefined;
  const allowOrigin = originHeaders(config, origin, group.anyOrigin);
  return (
    allowOrigin && {
      ...allowOrigin,
      'access-control-allow-methods': group.methods.join(', '),
      ...allowHeaders,
      'access-control-max-age': String(group.maxAge),
    }
  );
}

/** The CORS headers of an actual request's answer (W3C CORS §6.1): only the origin is checked. */
export function actualHeaders(config: CorsConfig, origin: string): Headers | undefined {
  if (config.publicResource) return originHeaders(config, origin, true);
  const group = groupOf(config, origin);
  const allowOrigin = group && originHeaders(config, origin, group.anyOrigin);
  if (!allowOrigin) return undefined;
  return group.exposedHeaders.length > 0 ? { ...allowOrigin, 'access-control-expose-headers': group.exposedHeaders.join(', ') } : allowOrigin;
}

/**
 * Access-Control-Allow-Origin, and Allow-Credentials when supported. Fetch §3.2.5: a credentialed
 * response must name the origin, `*` does not do; and an opaque origin (`null`, sandboxed frames
 * and local files) is never granted credentials.
 */
function originHeaders(config: CorsConfig, origin: string, anyOrigin: boolean): Headers | undefined {
  if (!config.supportCredentials) return { 'access-control-allow-origin': anyOrigin ? '*' : origin };
  if (originOf(origin) === undefined) return undefined;
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
}

function groupOf(config: CorsConfig, origin: string): OriginGroup | undefined {
  const serialized = originOf(origin);
  return config.groups.find((g) => g.anyOrigin || (serialized !== undefined && g.origins.has(serialized)));
}
