import type { HttpEndpoint, RoutedRequest } from './endpoint.js';
import type { HttpExchange } from './exchange.js';
import { compareSpecificity } from './paths.js';
import { canonicalPath } from './request-path.js';
import { writeResponse } from './response.js';
import type { RoutePattern } from './route-pattern.js';
import { compilePattern, segmentsOf } from './route-pattern.js';

/** Answers one request: the endpoint's work, or the table's own 400, 404, 405 or OPTIONS answer. */
export type Routes = (exchange: HttpExchange) => Promise<void> | void;

interface Route {
  readonly endpoint: HttpEndpoint;
  readonly pattern: RoutePattern;
  /** The methods the route answers, HEAD included wherever GET is (a HEAD is a GET without its body). */
  readonly methods: ReadonlySet<string>;
  /** As `Allow` lists them. */
  readonly allow: readonly string[];
  /** HEAD reaches the flow as GET: the listener allows GET but does not name HEAD. */
  readonly headIsGet: boolean;
}

/**
 * The routes of one server: listeners ordered most specific first, so `/orders/latest` wins
 * over `/orders/{id}` and both over `/orders/*`. Requests are matched by their canonical path
 * (request-path.ts), case-sensitively; a path that has none is refused with 400. No path match:
 * 404; a path match with another method: 405 with `Allow`; OPTIONS on a path some listener has
 * and none answers OPTIONS: 200 with `Allow`. Bodies of these read as Mule's.
 */
export function routeTable(endpoints: readonly HttpEndpoint[]): Routes {
  const routes: Route[] = [...endpoints].sort((a, b) => compareSpecificity(a.path, b.path)).map(routeOf);
  return (exchange) => {
    const { req } = exchange;
    const target = req.url ?? '/';
    const path = canonicalPath(target);
    if ('problem' in path) return refuse(exchange, 400, `Bad request path: ${path.problem}`);
    const segments = segmentsOf(path.routing);
    const decoded = path.routing === path.decoded ? segments : segmentsOf(path.decoded);
    const method = req.method ?? 'GET';
    let allowed: Set<string> | undefined;
    for (const route of routes) {
      const params = route.pattern.match(segments, decoded);
      if (!params) continue;
      if (route.methods.has(method)) {
        const routed: RoutedRequest = { path: path.decoded, method: route.headIsGet && method === 'HEAD' ? 'GET' : method, uriParams: params };
        return route.endpoint.handle(exchange, routed);
      }
      allowed ??= new Set();
      for (const m of route.allow) allowed.add(m);
    }
    const raw = rawPath(target);
    if (!allowed) {
      // A method no route table knows is not allowed anywhere, whatever the path.
      return KNOWN_METHODS.has(method)
        ? refuse(exchange, 404, `No listener for endpoint: ${raw}`)
        : refuse(exchange, 405, `Method not allowed for endpoint: ${raw}`, '');
    }
    const allow = [...allowed].join(', ');
    if (method === 'OPTIONS') {
      writeResponse(exchange, { status: 200, headers: { allow }, body: '', mediaType: 'text/plain; charset=utf-8' });
      return;
    }
    return refuse(exchange, 405, `Method not allowed for endpoint: ${raw}`, allow);
  };
}

function routeOf(endpoint: HttpEndpoint): Route {
  const declared = endpoint.methods ? [...endpoint.methods] : ALL_METHODS;
  const allow: string[] = [];
  for (const m of declared) {
    if (m === 'GET' && !declared.includes('HEAD')) allow.push('HEAD');
    allow.push(m);
  }
  return {
    endpoint,
    pattern: compilePattern(endpoint.path),
    methods: new Set(allow),
    allow,
    headIsGet: endpoint.methods !== undefined && !endpoint.methods.includes('HEAD'),
  };
}

function refuse(exchange: HttpExchange, status: number, message: string, allow?: string): void {
  writeResponse(exchange, { status, headers: allow === undefined ? {} : { allow }, body: message, mediaType: 'text/plain; charset=utf-8' });
}

/** The path as the client sent it, for messages. */
function rawPath(target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return path.startsWith('/') ? path : path.replace(/^https?:\/\/[^/]*/i, '') || '/';
}

/** What a route table answers 404 or 405 for; any other method is refused with 405 everywhere. */
const KNOWN_METHODS: ReadonlySet<string> = new Set(['HEAD', 'OPTIONS', 'GET', 'PUT', 'PATCH', 'POST', 'DELETE']);

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'];
