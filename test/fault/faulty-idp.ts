import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Streamed } from '../helpers/big-body.js';
import { HUGE, streamBody } from '../helpers/big-body.js';

/**
 * What the peer does with the next request. `ok` forwards it to the real IdP; the others are the
 * ways an IdP fails: not listening, answering after the caller's timeout, answering HTML or JSON
 * that does not parse, a JWKS without keys or with keys of a kind no signature is checked with, an
 * introspection answer without `active`, or 200 MB (with or without Content-Length).
 */
export type Fault = 'ok' | 'refused' | 'slow' | 'html' | 'invalid-json' | 'no-keys' | 'wrong-kty' | 'no-active' | 'huge' | 'huge-declared';

export interface FaultyIdp {
  /** `http://127.0.0.1:<port>`: the same port whatever the fault, `refused` included. */
  readonly origin: string;
  /** Switches the fault; `refused` stops listening (and drops open connections), anything else listens again. */
  set(fault: Fault): Promise<void>;
  /** Requests it received (refused ones cannot be counted). */
  readonly hits: () => number;
  /** How each 200 MB answer ended. */
  readonly streams: Array<Promise<Streamed>>;
  close(): Promise<void>;
}

/** The key the `wrong-kty` JWKS hands out: an HMAC secret under the real key's `kid`, as an attacker would plant it. */
export const PLANTED_SECRET = Buffer.from('planted-hmac-secret-0123456789abcdef');

/**
 * A peer in front of a real IdP (`target`, e.g. the oidc-provider of test/helpers/idp.ts) that
 * forwards while `ok` and misbehaves as told otherwise. `kid` is what the `wrong-kty` key claims
 * to be; `slowMs` how long `slow` waits before it forwards.
 */
export async function faultyIdp(target: string, { kid = 'kid', slowMs = 3_000, fault = 'ok' as Fault } = {}): Promise<FaultyIdp> {
  let current: Fault = fault;
  let hits = 0;
  const streams: Array<Promise<Streamed>> = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    hits++;
    answer(current, req, res);
  });

  function answer(f: Fault, req: IncomingMessage, res: ServerResponse): void {
    const send = (type: string, body: string) => {
      req.resume();
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    switch (f) {
      case 'ok':
      case 'refused':
        return forward(target, req, res);
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) forward(target, req, res);
        }, slowMs);
        timers.add(timer);
        return;
      }
      case 'html':
        return send('text/html', '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>');
      case 'invalid-json':
        return send('application/json', '{"keys": [{"kty": "RSA", "n": ');
      case 'no-keys':
        return send('application/json', '{"keys": []}');
      case 'wrong-kty':
        return send('application/json', JSON.stringify({ keys: [{ kty: 'oct', kid, alg: 'HS256', use: 'sig', k: PLANTED_SECRET.toString('base64url') }] }));
      case 'no-active':
        return send('application/json', '{"scope": "orders:read", "client_id": "orders-app"}');
      case 'huge':
      case 'huge-declared':
        req.resume();
        streams.push(streamBody(res, HUGE, { declareLength: f === 'huge-declared' }));
        return;
    }
  }

  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  if (fault === 'refused') await stop(server);
  return {
    origin: `http://127.0.0.1:${port}`,
    async set(next) {
      current = next;
      if (next === 'refused') await stop(server);
      else if (!server.listening) await listen(server, port);
    },
    hits: () => hits,
    streams,
    async close() {
      for (const t of timers) clearTimeout(t);
      await stop(server);
    },
  };
}

/** Passes the request on to `target` and its answer back, as a reverse proxy does. */
function forward(target: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', target);
  const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops listening and drops every connection (keep-alive ones included): new requests are refused. */
function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
