import { actualHeaders, preflightHeaders } from './headers.js';
import { corsConfig } from './config.js';
import { decorate } from './decorate.js';
import { CORS_SCHEMA } from './schema.js';
import type { PolicyType } from '../shared/policy.js';

/**
 * `cors`, with Anypoint's parameters, run ahead of every other policy (`first`) so that a
 * browser's preflight is answered before any credential is asked for, and refusals of later
 * policies still carry the CORS headers a page needs to read them.
 *
 * - A preflight (OPTIONS with Origin and Access-Control-Request-Method, Fetch §3.2.2) is answered
 *   here, 200 and no body; the flow never runs. Origin, method or a header not allowed: the answer
 *   carries no CORS headers, and the browser does not send the request.
 * - Any other request with an Origin runs; its answer gets Access-Control-Allow-Origin (and
 *   -Credentials, -Expose-Headers) when the origin is allowed, and passes unchanged otherwise: it
 *   is the browser that withholds it from the page.
 *
 * @example
 * const policy = cors.create({ publicResource: false, originGroups: [{ origins: ['https://app.example.com'] }] }, deps);
 * await policy.handle(ctx, next); // a preflight from https://app.example.com: 200 with Access-Control-Allow-*
 */
export const cors: PolicyType = {
  id: 'cors',
  first: true,
  schema: CORS_SCHEMA,
  create(raw) {
    const config = corsConfig(raw);
    // The answer depends on Origin unless it is `*` for everyone.
    const varies = !config.publicResource || config.supportCredentials;
    return {
      async handle(ctx, next) {
        const { headers, method } = ctx.request;
        const origin = single(headers.origin);
        if (origin === undefined) return decorate(await next(), {}, varies);
        const asked = single(headers['access-control-request-method']);
        if (method === 'OPTIONS' && asked !== undefined) {
          const allowed = preflightHeaders(config, origin, asked, requestedHeaders(headers['access-control-request-headers']));
          if (!allowed) ctx.log.debug({ apiId: ctx.apiId, origin, method: asked }, 'cors: preflight not allowed');
          return { status: 200, headers: { ...allowed, vary: 'Origin' }, body: null };
        }
        return decorate(await next(), actualHeaders(config, origin) ?? {}, varies);
      },
    };
  },
};

/** A header sent once; sent twice (an array) it is not one value and counts as absent. */
function single(value: string | string[] | undefined): string | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  return text ? text : undefined;
}

/** Access-Control-Request-Headers: a comma-separated list of lower-case names (Fetch §4.8). */
function requestedHeaders(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return [
    ...new Set(
      text
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}
