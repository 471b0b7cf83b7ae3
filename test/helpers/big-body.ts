import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How one streamed answer ended: the bytes handed to the socket, and whether all of them were. */
export interface Streamed {
  readonly written: number;
  readonly finished: boolean;
}

export interface StreamOptions {
  /** Send Content-Length (true), or chunked without one (false). */
  readonly declareLength?: boolean;
  readonly contentType?: string;
  readonly status?: number;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x20);

/**
 * Answers with `bytes` bytes of JSON-looking text made as they are sent, never held whole (a
 * 200 MB answer costs the test 64 KiB), minding backpressure. Resolves once the response is
 * closed: by the end, or by the client going away, which is what size limits are checked by.
 */
export function streamBody(
  res: ServerResponse,
  bytes: number,
  { declareLength = true, contentType = 'application/json', status = 200 }: StreamOptions = {},
): Promise<Streamed> {
  res.writeHead(status, { 'content-type': contentType, ...(declareLength ? { 'content-length': String(bytes) } : {}) });
  const prefix = '{"keys":[],"padding":"';
  res.write(prefix);
  let sent = prefix.length;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      const n = Math.min(CHUNK.length, bytes - sent);
      sent += n;
      if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  const outcome = new Promise<Streamed>((resolve) => res.once('close', () => resolve({ written: sent, finished: res.writableFinished })));
  pump();
  return outcome;
}

export interface BigBodyServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Each answer's outcome, in the order requests came. */
  readonly streams: Array<Promise<Streamed>>;
  close(): Promise<void>;
}

/**
 * A server on loopback answering every request with a `bytes`-long body (see {@link streamBody}),
 * unless `handle` answers it first (returns true).
 */
export async function bigBodyServer(
  bytes: number,
  options: StreamOptions = {},
  handle?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<BigBodyServer> {
  const streams: Array<Promise<Streamed>> = [];
  const server = createServer((req, res) => {
    req.resume();
    if (handle?.(req, res)) return;
    streams.push(streamBody(res, bytes, options));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** 200 MB: the size of the JWKS in the hardening report. */
export const HUGE = 200 * 1024 * 1024;

/**
 * The most a server may have written before the client's refusal reached it: the limit plus what
 * loopback socket buffers hold. Far below any body the limit is there to refuse.
 */
export const EARLY_CLOSE_BOUND = 32 * 1024 * 1024;
