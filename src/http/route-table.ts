import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { HttpEndpoint } from './endpoint.js';
import { compareSpecificity, toRouterPattern } from './paths.js';

const HIDDEN_PARAM = /^__(wildcard\d+|rest)$/;

/**
 * The routes of one server: listeners ordered most specific first, so `/orders/latest` wins
 * over `/orders/{id}` and both over `/orders/*`. No path match: 404; a path match with another
 * method: 405 with `Allow`. Bodies of both read as Mule's.
 */
export function routeTable(endpoints: readonly HttpEndpoint[]): Middleware {
  const router = new Router();
  const sorted = [...endpoints].sort((a, b) => compareSpecificity(a.path, b.path));
  for (const endpoint of sorted) {
    const methods = endpoint.methods ? [...endpoint.methods] : ALL_METHODS;
    router.register(toRouterPattern(endpoint.path), methods, async (ctx) => {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(ctx.params as Record<string, string>)) if (!HIDDEN_PARAM.test(k)) params[k] = v;
      await endpoint.handle(ctx, params);
    });
  }
  // @koa/router types its middleware for router contexts; on a plain Koa app they are the same functions.
  const routes = router.routes() as unknown as Middleware;
  const allowed = router.allowedMethods({ throw: false }) as unknown as Middleware;
  const unmatched: Middleware = async (ctx) => {
    await allowed(ctx, nothing);
    if (ctx.status === 405 || ctx.status === 501) {
      ctx.status = 405;
      ctx.type = 'text/plain';
      ctx.body = `Method not allowed for endpoint: ${ctx.path}`;
    } else if (!(ctx as { matched?: Array<{ methods: string[] }> }).matched?.some((layer) => layer.methods.length > 0)) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = `No listener for endpoint: ${ctx.path}`;
    }
  };
  return (ctx) => routes(ctx, () => unmatched(ctx, nothing));
}

const nothing = async (): Promise<void> => {};

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'];
