import type { Logger } from 'pino';
import { BodyError, readBody } from '../../http/body.js';
import type { HttpEndpoint, ListenerConfig } from '../../http/endpoint.js';
import { queryStringOf } from '../../http/exchange.js';
import type { HttpExchange } from '../../http/exchange.js';
import { joinPath } from '../../http/paths.js';
import type { ResponseSpec } from '../../http/response.js';
import { writeResponse } from '../../http/response.js';
import type { OAuthProvider } from '../../oauth2/provider.js';
import { oauthError } from '../../oauth2/responses.js';
import { StoreUnavailableError } from '../../stores/store-error.js';

/** OAuth requests are small forms; anything bigger is refused before it is read (an endpoint may take less). */
const MAX_BODY = 64 * 1024;

/**
 * The provider's endpoints as HTTP endpoints of its listener config. The issuer is the config's
 * `issuer`, else the listener's own address (never the request's Host header, which a client
 * controls) and basePath.
 */
export function providerEndpoints(provider: OAuthProvider, listener: ListenerConfig, configName: string, location: string, log: Logger): HttpEndpoint[] {
  const { settings } = provider.core;
  const issuerOf = ({ req }: HttpExchange): string => {
    if (settings.issuer) return settings.issuer;
    const host = listener.host === '0.0.0.0' || listener.host === '::' ? 'localhost' : listener.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}${listener.basePath.replace(/\/$/, '')}`;
  };
  return provider.endpoints().map(({ type, path }) => ({
    kind: 'http' as const,
    flowName: configName,
    location: `${location} ${type.name} endpoint`,
    config: listener,
    path: type.root ? joinPath(path, listener.basePath) : joinPath(listener.basePath, path),
    methods: type.methods,
    async handle(exchange: HttpExchange) {
      const { req } = exchange;
      const method = req.method ?? 'GET';
      let answer: ResponseSpec;
      try {
        const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req, type.maxBodyBytes ?? MAX_BODY);
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        answer = await type.handle({ method, headers, query: new URLSearchParams(queryStringOf(req)), body, issuer: issuerOf(exchange) }, provider.core);
      } catch (e) {
        answer = failure(e, log, configName, type.name);
      }
      writeResponse(exchange, answer);
    },
  }));
}

function failure(e: unknown, log: Logger, configName: string, endpoint: string): ResponseSpec {
  if (e instanceof BodyError) return oauthError('invalid_request', e.message, { status: e.status });
  if (e instanceof StoreUnavailableError) {
    log.error({ provider: configName, endpoint, err: e.message }, 'OAuth provider store unavailable');
    return oauthError('temporarily_unavailable', 'the authorization server cannot reach its store; try again later');
  }
  log.error({ provider: configName, endpoint, err: (e as Error)?.message }, 'OAuth provider endpoint failed');
  return oauthError('server_error', 'the authorization server failed to answer');
}
