import { connect as tlsConnect } from 'node:tls';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { Agent, fetch } from 'undici';
import type { TestApp } from './app.js';
import { mule } from './app.js';

/** An HTTPS listener config named "listener" on an ephemeral port, with `tls` (a <tls:context> or attributes) and flows. */
export function httpsApp(tls: string, flows: string, { connection = '' }: { connection?: string } = {}): string {
  return mule(
    `<http:listener-config name="listener"><http:listener-connection protocol="HTTPS" host="127.0.0.1" port="0"${connection}>${tls}</http:listener-connection></http:listener-config>\n${flows}`,
    { listener: false },
  );
}

/** A flow answering `path` with `value`. */
export const answer = (path: string, value: string, name = 'f'): string =>
  `<flow name="${name}"><http:listener config-ref="listener" path="${path}"/><set-payload value="${value}"/></flow>`;

/** `https://127.0.0.1:<port><path>` of an app's listener config. */
export function httpsUrl(app: TestApp, path: string, config = 'listener'): string {
  return app.url(path, config).replace(/^http:/, 'https:');
}

/** A GET through undici trusting `ca`, presenting `key`/`cert` when given; "status body" or "ERR code". */
export async function httpsGet(url: string, connect: ConnectionOptions): Promise<string> {
  const dispatcher = new Agent({ connect });
  try {
    const res = await fetch(url, { dispatcher });
    return `${res.status} ${await res.text()}`;
  } catch (e) {
    const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
    return `ERR ${cause?.code ?? (e as Error).message}`;
  } finally {
    await dispatcher.close();
  }
}

/** Opens a TLS connection; resolves with the socket once the handshake is done, or the error code. */
export function handshake(port: number, options: ConnectionOptions): Promise<TLSSocket | string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => resolve(socket));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** writeFile takes bytes as well as text: a key store can ride in an app's files. */
export const bytes = (buffer: Buffer): string => buffer as unknown as string;

/** Waits until `check` holds (logs arrive asynchronously), failing after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
