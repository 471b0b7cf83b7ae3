import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Context } from 'koa';
import type { HttpEndpoint, RoutedRequest } from './endpoint.js';
import { compareSpecificity, toRouterPattern } from './paths.js';
import { canonicalPath } from './request-path.js';
import type { RequestPath } from './request-path.js';

const HIDDEN_PARAM = /^__(wildcard\d+|rest)$/;

/**
 * The routes of one server: listeners ordered most specific first, so `/orders/latest` wins
 * over `/orders/{id}` and both over `/orders/*`. Requests are matched by their canonical path
 * (request-path.ts), case-sensitively; a path that has none is refused with 400. No path match:
 * 404; a path match with another method: 405 with `Allow`. Bodies of both read as Mule's.
 */
export function routeTable(endpoints: readonly HttpEndpoint[]): Middleware {
  const router = new Router({ sensitive: true });
  const sorted = [...endpoints].sort((a, b) => compareSpecificity(a.path, b.path));
  for (const endpoint of sorted) {
    const methods = endpoint.methods ? [...endpoint.methods] : ALL_METHODS;
    // @koa/router answers HEAD on a GET route: such a request is a GET to everything after routing.
    const headIsGet = endpoint.methods !== undefined && !endpoint.methods.includes('HEAD');
    router.register(toRouterPattern(endpoint.path), methods, async (ctx) => {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(ctx.params as Record<string, string>)) if (!HIDDEN_PARAM.test(k)) params[k] = v;
      const method = headIsGet && ctx.method === 'HEAD' ? 'GET' : ctx.method;
      const routed: RoutedRequest = { path: pathOf(ctx).decoded, method, uriParams: params };
      await endpoint.handle(ctx, routed);
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
  return (ctx) => {
    const path = canonicalPath(ctx.req.url ?? '/');
    if ('problem' in path) {
      ctx.status = 400;
      ctx.type = 'text/plain';
      ctx.body = `Bad request path: ${path.problem}`;
      return;
    }
    (ctx.state as RouteState).requestPath = path;
    // @koa/router matches `newRouterPath` when set: the canonical form, not the raw one. Set only
    // where they differ: a property added to every context costs each request a shape change.
    if (path.routing !== ctx.path) (ctx as { newRouterPath?: string }).newRouterPath = path.routing;
    return routes(ctx, () => unmatched(ctx, nothing));
  };
}

interface RouteState {
  requestPath: RequestPath;
}

function pathOf(ctx: Context): RequestPath {
  return (ctx.state as RouteState).requestPath;
}

const nothing = async (): Promise<void> => {};

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'];
