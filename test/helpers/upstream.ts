import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface Upstream {
  readonly port: number;
  readonly base: string;
  /** Every request it received, in order. */
  readonly received: Received[];
  close(): Promise<void>;
}

export type Handler = (req: Received, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

/** A real HTTP (or HTTPS, with the test CA's certificate) server on 127.0.0.1 and an ephemeral port. */
export async function upstream(handler: Handler, { tls = false } = {}): Promise<Upstream> {
  const received: Received[] = [];
  const listener = (raw: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const req = { method: raw.method ?? '', url: raw.url ?? '', headers: raw.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(req);
      void handler(req, res, raw);
    });
  };
  const server: Server = tls
    ? createTlsServer({ cert: readFileSync('test/fixtures/tls/server.pem'), key: readFileSync('test/fixtures/tls/server-key.pem') }, listener)
    : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A port nothing listens on: 1 (tcpmux), checked to refuse connections. A port bound and then
 * released (as this was before) can be taken by another test's server in the meantime, and the
 * "refused" request is then answered; nothing unprivileged binds a port below 1024.
 */
export async function closedPort(): Promise<number> {
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(1, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
  if (!refused) throw new Error('127.0.0.1:1 does not refuse connections on this machine; the connectivity tests need a closed port');
  return 1;
}
