import type { ResponseSpec } from '../../http/response.js';

/**
 * The flow's answer with the CORS headers set (replacing any the flow set under the same names,
 * whatever their case) and, when the answer depends on the origin, `Origin` added to Vary, so that
 * a shared cache does not hand one origin's answer to another (Fetch §3.2.5, CORS and caching).
 */
export function decorate(response: ResponseSpec, cors: Readonly<Record<string, string>>, varies: boolean): ResponseSpec {
  if (!varies && Object.keys(cors).length === 0) return response;
  const headers: Record<string, unknown> = {};
  let vary: string | undefined;
  for (const [name, value] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'vary') vary = Array.isArray(value) ? value.join(', ') : String(value);
    else if (!(lower in cors)) headers[name] = value;
  }
  if (varies) vary = withOrigin(vary);
  return { ...response, headers: { ...headers, ...(vary !== undefined ? { vary } : {}), ...cors } };
}

function withOrigin(vary: string | undefined): string {
  if (vary === undefined || vary.trim() === '') return 'Origin';
  const tokens = vary.split(',').map((t) => t.trim().toLowerCase());
  return tokens.includes('origin') || tokens.includes('*') ? vary : `${vary}, Origin`;
}
