import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import type { Logger } from 'pino';
import { createLogger } from '../../../src/deploy/logger.js';
import { HttpClient } from '../../../src/http/client/http-client.js';
import type { ResponseSpec } from '../../../src/http/response.js';
import type { Policy, PolicyContext, PolicyDeps } from '../../../src/policies/shared/policy.js';
import { FlowEvent } from '../../../src/runtime/event.js';
import type { Streamed } from '../../helpers/big-body.js';
import { HUGE, streamBody } from '../../helpers/big-body.js';

const clients: HttpClient[] = [];

/** A logger that keeps every line it writes (at trace level), to check what policies log. */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger('trace', false, sink), lines };
}

const silent = createLogger('silent');

export interface TestDeps extends PolicyDeps {
  /** The clock `now()` reads; tests move it. */
  readonly clock: { now: number };
  /** Pools handed out, and whether each was closed. */
  readonly pools: Array<{ closed: boolean }>;
}

/** Deps with a clock the test moves and real keep-alive pools. */
export function deps({ clock = { now: Date.now() }, log = silent }: { clock?: { now: number }; log?: Logger } = {}): TestDeps {
  const pools: Array<{ closed: boolean }> = [];
  return {
    log,
    clock,
    pools,
    now: () => clock.now,
    httpClient: (connectTimeout) => {
      const c = new HttpClient({ connectionIdleTimeout: 1000, usePersistentConnections: true, connectTimeout });
      const pool = { closed: false };
      const close = c.close.bind(c);
      c.close = async () => {
        if (pool.closed) return;
        pool.closed = true;
        await close();
      };
      pools.push(pool);
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
export async function run(policy: Policy, headers: Record<string, string> = {}, { compat = false, log = silent } = {}): Promise<Outcome> {
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
    removedHeaders: new Set(),
    inspectBody: () => undefined,
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

/** The error_description of a refusal, or 'ok' when the flow answered. */
export function verdict(out: Outcome): string {
  if (out.reachedFlow && out.response.status === 200) return 'ok';
  return `${out.response.status} ${(out.response.body as { error_description?: string }).error_description ?? ''}`.trim();
}

export interface KeyPair {
  readonly alg: string;
  /** What signs: a private key, or the HMAC secret's bytes. */
  readonly privateKey: CryptoKey | Uint8Array;
  /** What the policy's textKey says: the PEM public key, or the HMAC secret. */
  readonly publicPem: string;
  readonly jwk: JWK;
}

/** A fresh key pair for `alg` (RS*, ES*, PS*), or for HS* a random secret of the hash's length. */
export async function keyPair(alg: string, kid = `${alg}-key`): Promise<KeyPair> {
  if (alg.startsWith('HS')) {
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(Number(alg.slice(2)) / 8))).toString('base64url');
    return { alg, privateKey: new TextEncoder().encode(secret), publicPem: secret, jwk: { kty: 'oct', kid, alg } };
  }
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, publicPem: await exportSPKI(publicKey), jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A signed token; `exp` one hour ahead unless given (`exp: undefined` leaves it out). A bare secret signs HS256. */
export async function sign(key: KeyPair | Uint8Array, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
  const pair: KeyPair = key instanceof Uint8Array ? { alg: 'HS256', privateKey: key, publicPem: '', jwk: {} } : key;
  const jwt = new SignJWT({ sub: 'ann', ...claims })
    .setProtectedHeader({ alg: pair.alg, ...(pair.jwk.kid ? { kid: pair.jwk.kid } : {}), ...header })
    .setIssuedAt();
  if (!('exp' in claims)) jwt.setExpirationTime('1h');
  return jwt.sign(pair.privateKey);
}

/** `huge`: a 200 MB answer with Content-Length; `huge-chunked`: the same without (made as it is sent). */
export type JwksMode = 'ok' | 'fail' | 'hang' | 'garbage' | 'huge' | 'huge-chunked';

export interface JwksServer {
  readonly url: string;
  keys: JWK[];
  fetches(): number;
  readonly mode: { value: JwksMode };
  /** How each huge answer ended: bytes written before the client went away. */
  readonly streamed: Array<Promise<Streamed>>;
  close(): Promise<void>;
}

/** A JWKS endpoint on loopback whose keys can change (rotation), that can fail, hang or talk nonsense, and counts fetches. */
export async function jwksServer(keys: JWK[]): Promise<JwksServer> {
  let fetches = 0;
  const state = { keys, mode: { value: 'ok' as JwksMode } };
  const streamed: Array<Promise<Streamed>> = [];
  const server = createServer((_req, res) => {
    fetches++;
    switch (state.mode.value) {
      case 'huge':
      case 'huge-chunked':
        streamed.push(streamBody(res, HUGE, { declareLength: state.mode.value === 'huge' }));
        return;
      case 'hang':
        return;
      case 'fail':
        res.writeHead(500);
        return res.end();
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"keys": "not a list"');
      default:
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: state.keys }));
    }
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
    streamed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Waits until `check` holds (a background fetch landing), failing after `ms`: a bound for a busy
 * machine, not a deadline the code must meet.
 */
export async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
