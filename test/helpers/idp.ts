import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';

/**
 * A real external OpenID Provider (oidc-provider 9.x, in memory) for the tests of flowrt's
 * token-enforcement policies: client-credentials tokens, RFC 7662 introspection, RFC 7009
 * revocation, RFC 7591 dynamic registration, discovery and a JWKS.
 *
 * Token kinds (this is oidc-provider's behaviour, not a choice of this helper):
 * - `token(id, secret, { scope })` WITHOUT `resource`: an **opaque** access token. It carries the
 *   requested scopes as they are (checked against the client's registered `scope` for the
 *   statically known `orders:read` / `orders:write`); it has no `aud`. Introspectable (as any
 *   authenticated client, e.g. `api-gateway`) and revocable (by the client it was issued to).
 * - `token(id, secret, { scope, resource })` WITH `resource` (must be `options.resource`, anything
 *   else is `invalid_target`): a **JWT** access token (RS256, `kid` of the generated key, verifiable
 *   against `jwks_uri`), `aud` = the resource, `scope` = the requested scopes filtered to the resource
 *   server's `orders:read orders:write` (nothing requested → no `scope` claim). JWT access tokens
 *   can NOT be introspected nor revoked: oidc-provider answers 400 `unsupported_token_type`
 *   ("Structured JWT Tokens cannot be introspected/revoked").
 * - Both kinds live `options.accessTokenTtlSeconds` (default 600) seconds.
 *
 * The issuer is plain `http://127.0.0.1:<port>`: oidc-provider does not refuse http issuers; it
 * only prints development warnings (unsupported runtime on Node 20, in-memory adapter), which
 * are filtered out here. Anything else it prints (and every `console.error`) goes through.
 */
export interface IdpOptions {
  /** Extra clients (oidc-provider client metadata) besides `api-gateway` and `orders-app`. */
  clients?: ClientMetadata[];
  /** The registration endpoint's initial access token. Default `idp-initial-access-token`. */
  initialAccessToken?: string;
  /** The one resource indicator for which JWT access tokens are issued. Default `https://api.flowrt.test`. */
  resource?: string;
  /** Lifetime of client-credentials access tokens, in seconds. Default 600. */
  accessTokenTtlSeconds?: number;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

export interface Idp {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly issuer: string;
  readonly port: number;
  /** `<issuer>/.well-known/openid-configuration` */
  readonly discoveryUrl: string;
  /** The resource indicator that yields JWT access tokens. */
  readonly resource: string;
  /** The public signing keys (what `jwks_uri` serves). */
  readonly jwks: { keys: JWK[] };
  /** The oidc-provider instance, for anything not covered here. */
  readonly provider: Provider;
  /** Client-credentials grant, client_secret_basic. Throws (with the IdP's error body) unless 200. */
  token(clientId: string, secret: string, params?: { scope?: string; resource?: string }): Promise<TokenResponse>;
  /** RFC 7662 introspection, by default as `api-gateway`. Returns the IdP's JSON; throws unless 200. */
  introspect(token: string, clientId?: string, secret?: string): Promise<Record<string, unknown>>;
  /** RFC 7009 revocation, authenticated as the client the token was issued to. Throws unless 200. */
  revoke(token: string, clientId: string, secret: string): Promise<void>;
  /** Closes the server for good. */
  stop(): Promise<void>;
  /**
   * Stops listening and drops every open (keep-alive) connection, then waits 50 ms for peers to notice:
   * the IdP is "down" and new requests get ECONNREFUSED. Provider state (tokens, clients) is kept.
   * Idempotent.
   */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
}

export const GATEWAY_CLIENT = { id: 'api-gateway', secret: 'gateway-secret-0123456789' } as const;
export const ORDERS_CLIENT = { id: 'orders-app', secret: 'orders-secret-0123456789' } as const;
export const DEFAULT_RESOURCE = 'https://api.flowrt.test';
export const DEFAULT_INITIAL_ACCESS_TOKEN = 'idp-initial-access-token';
export const RESOURCE_SCOPE = 'orders:read orders:write';

/** oidc-provider's development-only chatter, which says nothing about the test at hand. */
const BENIGN = [/^oidc-provider WARNING: Unsupported runtime/, /^oidc-provider WARNING: a quick start development-only in-memory adapter is used/];

function isBenign(args: unknown[]): boolean {
  // attention.js wraps the text in ANSI colours when the stream is a TTY.
  const text = typeof args[0] === 'string' ? args[0].replace(/\x1b\[[0-9;]*m/g, '') : '';
  return BENIGN.some((re) => re.test(text));
}

/** Runs `fn` with console.warn / console.info minus oidc-provider's benign development warnings. */
async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  const { warn, info } = console;
  console.warn = (...args: unknown[]) => {
    if (!isBenign(args)) warn.apply(console, args);
  };
  console.info = (...args: unknown[]) => {
    if (!isBenign(args)) info.apply(console, args);
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

type ProviderModule = typeof import('oidc-provider');
let providerModule: Promise<ProviderModule> | undefined;
/** Imported lazily (once) so its import-time "Unsupported runtime" warning can be filtered. */
function loadProvider(): Promise<ProviderModule> {
  providerModule ??= quietly(() => import('oidc-provider'));
  return providerModule;
}

function basic(clientId: string, secret: string): string {
  // RFC 6749 §2.3.1: form-urlencode both parts before base64.
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
}

async function postForm(url: string, auth: string, form: Record<string, string | undefined>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, v);
  return fetch(url, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
  });
}

async function expectOk(res: Response, what: string): Promise<string> {
  const text = await res.text();
  if (res.status !== 200) throw new Error(`IdP ${what} failed: ${res.status} ${text}`);
  return text;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

export async function startIdp(options: IdpOptions = {}): Promise<Idp> {
  const resource = options.resource ?? DEFAULT_RESOURCE;
  const ttl = options.accessTokenTtlSeconds ?? 600;
  const initialAccessToken = options.initialAccessToken ?? DEFAULT_INITIAL_ACCESS_TOKEN;

  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };

  // The issuer needs the port, so bind first and attach the provider afterwards.
  const server = createServer();
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const { default: ProviderClass, errors } = await loadProvider();

  const configuration: Configuration = {
    jwks: { keys: [privateJwk] },
    clients: [
      {
        client_id: GATEWAY_CLIENT.id,
        client_secret: GATEWAY_CLIENT.secret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: ORDERS_CLIENT.id,
        client_secret: ORDERS_CLIENT.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: RESOURCE_SCOPE,
      },
      ...(options.clients ?? []),
    ],
    // Statically known scopes are checked against a client's registered `scope`.
    scopes: ['openid', 'offline_access', ...RESOURCE_SCOPE.split(' ')],
    ttl: {
      ClientCredentials: () => ttl,
    },
    clientBasedCORS: () => true,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // Any authenticated client may introspect (flowrt introspects as api-gateway).
        allowedPolicy: () => true,
      },
      revocation: {
        enabled: true,
        // Only the client the token was issued to may revoke it (oidc-provider's default policy).
        allowedPolicy: (_ctx: KoaContextWithOIDC, client, token) => {
          if (token.clientId !== client.clientId) {
            throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
          }
          return true;
        },
      },
      registration: { enabled: true, initialAccessToken },
      resourceIndicators: {
        enabled: true,
        // No `resource` parameter → no resource → an opaque token.
        defaultResource: () => undefined,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, indicator: string) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            scope: RESOURCE_SCOPE,
            audience: resource,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256', kid } },
          };
        },
      },
    },
  };

  const provider = quietly(() => new ProviderClass(issuer, configuration));
  const instance = await provider;
  server.on('request', instance.callback());

  const discoveryUrl = `${issuer}/.well-known/openid-configuration`;
  let metadata: Record<string, unknown> | undefined;
  const endpoint = async (name: string): Promise<string> => {
    metadata ??= (await (await fetch(discoveryUrl)).json()) as Record<string, unknown>;
    const url = metadata[name];
    if (typeof url !== 'string') throw new Error(`IdP discovery has no ${name}`);
    return url;
  };

  let stopped = false;
  return {
    issuer,
    port,
    discoveryUrl,
    resource,
    jwks: { keys: [publicJwk] },
    provider: instance,
    async token(clientId, secret, params = {}) {
      const res = await postForm(await endpoint('token_endpoint'), basic(clientId, secret), {
        grant_type: 'client_credentials',
        scope: params.scope,
        resource: params.resource,
      });
      return JSON.parse(await expectOk(res, 'token request')) as TokenResponse;
    },
    async introspect(token, clientId = GATEWAY_CLIENT.id, secret = GATEWAY_CLIENT.secret) {
      const res = await postForm(await endpoint('introspection_endpoint'), basic(clientId, secret), { token });
      return JSON.parse(await expectOk(res, 'introspection')) as Record<string, unknown>;
    },
    async revoke(token, clientId, secret) {
      const res = await postForm(await endpoint('revocation_endpoint'), basic(clientId, secret), { token });
      await expectOk(res, 'revocation');
    },
    async stop() {
      stopped = true;
      await close(server);
    },
    async pause() {
      await close(server);
      // Let peers (in this process or another) see the FIN of their dropped keep-alive sockets, so
      // their next request opens a new connection (ECONNREFUSED) instead of writing to a dead one.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async resume() {
      if (stopped) throw new Error('IdP was stopped');
      if (server.listening) return;
      await listen(server, port);
    },
  };
}
