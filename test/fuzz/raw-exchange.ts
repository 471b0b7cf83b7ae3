import { connect } from 'node:net';

/** One response as it came off the wire. */
export interface WireResponse {
  readonly status: number;
  readonly reason: string;
  /** Lower-case names; a header sent twice keeps every value. */
  readonly headers: Readonly<Record<string, string[]>>;
  readonly body: Buffer;
}

export interface ExchangeOptions {
  /** End our side once the request is written (a body shorter than its Content-Length ends there). */
  readonly halfClose?: boolean;
  /** Give up after this long: the connection is destroyed and the exchange fails (default 15 s). */
  readonly giveUpMs?: number;
}

/**
 * Writes `request` byte for byte to 127.0.0.1:`port` and reads until the server closes: for what
 * fetch will not send (a wrong Content-Length, a header twice, bytes that are not text). Resolves
 * the raw bytes; a connection the server resets after answering still resolves what came.
 */
export function exchange(port: number, request: Buffer | string, { halfClose = false, giveUpMs = 15_000 }: ExchangeOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of the answer after ${giveUpMs} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}`));
    }, giveUpMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // The server may reset once it answered (a body it did not read): what came is the answer.
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') resolve(Buffer.concat(chunks));
      else reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.write(request, () => {
      if (halfClose) socket.end();
    });
  });
}

/**
 * The responses in `raw`, each checked to be well formed HTTP/1.1 (RFC 9112 §4, §5, §6): a status
 * line, header fields of token names and visible values, and a body framed by Content-Length,
 * chunked coding or the end of the connection. Throws, saying where, at the first malformation.
 */
export function parseResponses(raw: Buffer): WireResponse[] {
  const out: WireResponse[] = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`response ${out.length + 1}: no end of its head in ${JSON.stringify(raw.subarray(at, at + 200).toString('latin1'))}`);
    const [statusLine, ...lines] = raw.subarray(at, end).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.[01] ([1-5][0-9]{2}) ([\t\x20-\x7e\x80-\xff]*)$/.exec(statusLine!);
    if (!status) throw new Error(`response ${out.length + 1}: malformed status line ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string[]> = {};
    for (const line of lines) {
      const field = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[\t ]*([\t\x20-\x7e\x80-\xff]*?)[\t ]*$/.exec(line);
      if (!field) throw new Error(`response ${out.length + 1}: malformed header line ${JSON.stringify(line)}`);
      (headers[field[1]!.toLowerCase()] ??= []).push(field[2]!);
    }
    at = end + 4;
    let body: Buffer;
    if (headers['transfer-encoding']?.some((v) => /chunked/i.test(v))) {
      const chunks: Buffer[] = [];
      for (;;) {
        const eol = raw.indexOf('\r\n', at);
        if (eol < 0) throw new Error('chunked body cut short');
        const size = parseInt(raw.subarray(at, eol).toString('latin1'), 16);
        if (!Number.isFinite(size)) throw new Error('malformed chunk size');
        at = eol + 2;
        if (size === 0) {
          const trailerEnd = raw.indexOf('\r\n', at);
          at = trailerEnd < 0 ? raw.length : trailerEnd + 2;
          break;
        }
        chunks.push(raw.subarray(at, at + size));
        at += size + 2;
      }
      body = Buffer.concat(chunks);
    } else if (headers['content-length']) {
      const lengths = new Set(headers['content-length']);
      if (lengths.size !== 1) throw new Error(`conflicting Content-Length ${[...lengths].join(', ')}`);
      const length = Number(headers['content-length'][0]);
      if (!Number.isInteger(length) || length < 0) throw new Error(`malformed Content-Length ${headers['content-length'][0]}`);
      if (at + length > raw.length) throw new Error(`body shorter (${raw.length - at}) than its Content-Length ${length}`);
      body = raw.subarray(at, at + length);
      at += length;
    } else {
      const bodiless = Number(status[1]) === 204 || Number(status[1]) === 304;
      body = bodiless ? Buffer.alloc(0) : raw.subarray(at);
      at = bodiless ? at : raw.length;
    }
    out.push({ status: Number(status[1]), reason: status[2]!, headers, body });
  }
  return out;
}

/** A request head and body as bytes: `lines` are `Name: value` header lines. */
export function request(method: string, target: string, lines: readonly string[], body: Buffer = Buffer.alloc(0)): Buffer {
  const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
