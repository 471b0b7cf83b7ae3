import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { Call } from './clients.js';
import { clients, eventually, summary } from './clients.js';

/*
 * http:request against upstreams that fail mid-exchange. Mule's types (HTTP:CONNECTIVITY for a
 * connection that could not deliver an answer, HTTP:TIMEOUT past responseTimeout) reach the flow's
 * error handler, the listener answers every request, the failed connections are closed (the
 * upstream sees them go), and the keep-alive pool keeps serving good requests.
 */

/** How every fault ends at the upstream, by path; `/ok` answers on a keep-alive connection. */
const FAULTS = {
  'reset-in-headers': 'HTTP:CONNECTIVITY',
  'reset-in-body': 'HTTP:CONNECTIVITY',
  'closed-in-body': 'HTTP:CONNECTIVITY',
  'closed-without-answer': 'HTTP:CONNECTIVITY',
  'stall-before-headers': 'HTTP:TIMEOUT',
  'stall-in-body': 'HTTP:TIMEOUT',
} as const;
type Fault = keyof typeof FAULTS;

/** An upstream that misbehaves by path, and keeps the connections it holds open. */
interface Peer {
  readonly port: number;
  readonly open: Set<Socket>;
  /** Open connections that carried a failed exchange: none should stay. */
  faulted(): Socket[];
  close(): Promise<void>;
}

const FAULTED = Symbol('faulted');
type Tracked = Socket & { [FAULTED]?: boolean };

async function faultyUpstream(): Promise<Peer> {
  const open = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    req.resume();
    const socket: Tracked = req.socket;
    const fault = req.url?.slice(1) as Fault | 'ok';
    if (fault !== 'ok') socket[FAULTED] = true;
    switch (fault) {
      case 'ok':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('upstream ok');
      case 'reset-in-headers':
        socket.write('HTTP/1.1 200 OK\r\nContent-Ty');
        return void setTimeout(() => socket.resetAndDestroy(), 20);
      case 'reset-in-body':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
        res.write('only ten b');
        return void setTimeout(() => socket.resetAndDestroy(), 20);
      case 'closed-in-body':
        // Content-Length promised 1000 bytes; a FIN after ten.
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
        res.write('only ten b');
        return void setTimeout(() => socket.end(), 20);
      case 'closed-without-answer':
        return void socket.end();
      case 'stall-before-headers':
        return;
      case 'stall-in-body':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
        return void res.write('only ten b');
    }
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    open,
    faulted: () => [...open].filter((s: Tracked) => s[FAULTED]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Accepts connections and never reads from them: a large request body fills the socket buffers and
 * stops. `drain()` reads at last, so that a connection the client closed is seen to close.
 */
async function deafUpstream(): Promise<Peer & { drain(): void }> {
  const open = new Set<Socket>();
  const server: TcpServer = createTcpServer((s) => {
    s.pause();
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    open,
    faulted: () => [...open],
    drain: () => {
      for (const s of open) s.resume();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A flow per fault: the request, then Mule-style handlers that say which one ran. */
function flows(upstreamPort: number, deafPort: number): string {
  const handlers = `<error-handler>
      <on-error-propagate type="HTTP:TIMEOUT"><set-variable variableName="httpStatus" value="504"/><set-payload value="HTTP:TIMEOUT"/></on-error-propagate>
      <on-error-propagate type="HTTP:CONNECTIVITY"><set-variable variableName="httpStatus" value="502"/><set-payload value="HTTP:CONNECTIVITY"/></on-error-propagate>
      <on-error-propagate type="ANY"><set-payload value="#['unexpected ' &amp; error.errorType.namespace &amp; ':' &amp; error.errorType.identifier]"/></on-error-propagate>
    </error-handler>`;
  const listener = (path: string) =>
    `<http:listener config-ref="listener" path="${path}"><http:error-response statusCode="#[$default(vars.httpStatus, 500)]"><http:body>#[payload]</http:body></http:error-response></http:listener>`;
  const flow = (name: string, body: string) => `<flow name="${name}">${listener(`/${name}`)}${body}${handlers}</flow>`;
  return mule(`
  <http:request-config name="upstream" responseTimeout="1000"><http:request-connection host="127.0.0.1" port="${upstreamPort}"/></http:request-config>
  <http:request-config name="deaf" responseTimeout="1000"><http:request-connection host="127.0.0.1" port="${deafPort}"/></http:request-config>
  ${['ok', ...Object.keys(FAULTS)].map((f) => flow(f, `<http:request config-ref="upstream" path="/${f}"/>`)).join('\n')}
  ${flow('upload', `<set-payload value="#[$join([1..4].$pad('', 8388608, 'x'))]" mimeType="text/plain"/><http:request config-ref="deaf" method="POST" path="/upload"/>`)}`);
}

let upstream: Peer;
let deaf: Peer & { drain(): void };
let app: TestApp;
beforeAll(async () => {
  upstream = await faultyUpstream();
  deaf = await deafUpstream();
  app = await start(flows(upstream.port, deaf.port));
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
  await deaf?.close();
});

async function call(path: string): Promise<string> {
  const res = await fetch(app.url(path), { signal: AbortSignal.timeout(20_000) });
  return `${res.status} ${await res.text()}`;
}

describe('http:request against upstreams that fail mid-exchange', { timeout: 60_000 }, () => {
  it.each(Object.entries(FAULTS))('%s: the flow gets %s, its handler answers, and the connection is closed', async (fault, type) => {
    expect(await call(`/${fault}`)).toBe(`${type === 'HTTP:TIMEOUT' ? 504 : 502} ${type}`);
    // The failed connection is not kept: the upstream sees it closed (good keep-alive ones may stay).
    await eventually(
      async () => upstream.faulted().length,
      (n) => n === 0,
      20_000,
      'the failed connection to close',
    );
    expect(await call('/ok')).toBe('200 upstream ok');
  });

  it('raises HTTP:TIMEOUT for a large body the upstream never reads, and drops that connection', async () => {
    expect(await call('/upload')).toBe('504 HTTP:TIMEOUT');
    // Read what is buffered now: a connection flowrt gave up on ends; one it kept would just carry on.
    deaf.drain();
    await eventually(
      async () => deaf.open.size,
      (n) => n === 0,
      20_000,
      'the stuck upload connection to close',
    );
  });

  it('under steady traffic, answers every request, never lets a fault reach a good request, and holds no more connections than it uses', async () => {
    const calls: Call[] = [{ name: 'ok', path: '/ok' }, { name: 'ok again', path: '/ok' }, ...Object.keys(FAULTS).map((f) => ({ name: f, path: `/${f}` }))];
    const traffic = clients(() => app.url(''), calls);
    try {
      traffic.phase('faults');
      // Each timeout costs 1 s: a handful of each fault, and far more good requests meanwhile.
      await traffic.until('faults', 4, 40_000);
    } finally {
      await traffic.stop();
    }
    const all = traffic.seen();
    const context = JSON.stringify(summary(all));
    expect(
      all.filter((o) => o.status === 0),
      context,
    ).toEqual([]);
    for (const o of all) {
      if (o.call.startsWith('ok')) expect(`${o.call}: ${o.status} ${o.body}`).toBe(`${o.call}: 200 upstream ok`);
      else {
        const type = FAULTS[o.call as Fault];
        expect(`${o.call}: ${o.status} ${o.body}`).toBe(`${o.call}: ${type === 'HTTP:TIMEOUT' ? 504 : 502} ${type}`);
      }
    }
    // Dozens of failed exchanges leave no connection behind; what stays is the pool's idle keep-alive
    // connections, no more than requests were ever in flight at once.
    await eventually(
      async () => upstream.faulted().length,
      (n) => n === 0,
      20_000,
      'the failed connections to close',
    );
    expect(upstream.open.size).toBeLessThanOrEqual(calls.length);
    expect(await call('/ok')).toBe('200 upstream ok');
  });
});
