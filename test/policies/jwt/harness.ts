import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { createLogger } from '../../../src/deploy/logger.js';
import { HttpClient } from '../../../src/http/client/http-client.js';
import type { ResponseSpec } from '../../../src/http/response.js';
import type { Policy, PolicyContext, PolicyDeps } from '../../../src/policies/policy.js';
import { FlowEvent } from '../../../src/runtime/event.js';

const log = createLogger('silent');
const clients: HttpClient[] = [];

/** Deps with a clock the test moves. */
export function deps(clock = { now: Date.now() }): PolicyDeps & { clock: { now: number } } {
  return {
    log,
    clock,
    now: () => clock.now,
    httpClient: (connectTimeout) => {
      const c = new HttpClient({ connectionIdleTimeout: 1000, usePersistentConnections: true, connectTimeout });
      clients.push(c);
      return c;
    },
  };
}

export async function closeClients(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close()));
}

export interface Outcome {
  readonly response: ResponseSpec;
  readonly ctx: PolicyContext;
  readonly reachedFlow: boolean;
}

/** Runs one request through a policy, with a "flow" that answers 200 "ok". */
export async function run(policy: Policy, headers: Record<string, string> = {}, { compat = false } = {}): Promise<Outcome> {
  const attributes = { method: 'GET', requestPath: '/orders/1', headers, queryParams: {} };
  const vars: Record<string, unknown> = {};
  const ctx: PolicyContext = {
    apiId: 'orders-v1',
    request: { method: 'GET', path: '/orders/1', relativePath: '/orders/1', resourcePath: '/orders/1', headers, remoteAddress: '/127.0.0.1:1' },
    correlationId: 'c',
    log,
    anypointCompat: compat,
    vars,
    addedHeaders: {},
    event: () => FlowEvent.create({ payload: null, attributes }, 'c', vars),
  };
  let reachedFlow = false;
  const response = await policy.handle(ctx, async () => {
    reachedFlow = true;
    return { status: 200, headers: {}, body: 'ok' };
  });
  return { response, ctx, reachedFlow };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export interface KeyPair {
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicPem: string;
  readonly jwk: JWK;
}

export async function keyPair(alg: string, kid = `${alg}-key`): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, publicPem: await exportSPKI(publicKey), jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A signed token; `exp` one hour ahead unless given. */
export async function sign(key: KeyPair | Uint8Array, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const alg = key instanceof Uint8Array ? 'HS256' : key.alg;
  const jwt = new SignJWT({ sub: 'ann', ...claims }).setProtectedHeader({ alg, ...(key instanceof Uint8Array ? {} : { kid: key.jwk.kid }), ...header }).setIssuedAt();
  if (!('exp' in claims)) jwt.setExpirationTime('1h');
  return jwt.sign(key instanceof Uint8Array ? key : key.privateKey);
}

/** A JWKS endpoint on loopback whose keys can change, that can fail or hang, and counts fetches. */
export async function jwksServer(keys: JWK[]): Promise<{ url: string; keys: JWK[]; fetches: () => number; mode: { value: 'ok' | 'fail' | 'hang' }; close(): Promise<void> }> {
  let fetches = 0;
  const state = { keys, mode: { value: 'ok' as 'ok' | 'fail' | 'hang' } };
  const server = createServer((req, res) => {
    fetches++;
    if (state.mode.value === 'hang') return;
    if (state.mode.value === 'fail') {
      res.writeHead(500);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    get keys() {
      return state.keys;
    },
    set keys(k: JWK[]) {
      state.keys = k;
    },
    fetches: () => fetches,
    mode: state.mode,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
