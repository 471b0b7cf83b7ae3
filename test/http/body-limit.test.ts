import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../src/http/body.js';
import type { TestApp } from '../helpers/app.js';
import { load, mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A listener config accepting `limit` bytes (`maxRequestBodySize` left out when undefined), and a flow at /b logging "ran". */
function limited(limit: string | undefined): string {
  const attr = limit === undefined ? '' : ` maxRequestBodySize="${limit}"`;
  return mule(
    `<http:listener-config name="listener"${attr}><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>
     <flow name="f"><http:listener config-ref="listener" path="/b"/><logger message="ran"/><set-payload value="ok"/></flow>`,
    { listener: false },
  );
}

const post = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/plain' }) =>
  fetch(app!.url('/b'), { method: 'POST', headers, body });
const ran = () => app!.logs.some((l) => l.msg === 'ran');

/** A request streaming `chunks` with chunked encoding, as a real one would. */
function request(chunks: Buffer[]): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers: { 'transfer-encoding': 'chunked' } }) as unknown as IncomingMessage;
}

describe('http:listener-config maxRequestBodySize', () => {
  it('accepts a body of exactly the limit', async () => {
    app = await start(limited('1024'));
    const res = await post('x'.repeat(1024));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('refuses a body one byte past the limit with 413 and a body that says why; the flow does not run', async () => {
    app = await start(limited('1024'));
    const res = await post('x'.repeat(1025));
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.text()).toBe('request body is larger than the 1024 bytes this listener accepts');
    expect(ran()).toBe(false);
  });

  it('refuses a chunked body as it grows past the limit', async () => {
    app = await start(limited('1024'));
    const chunk = Buffer.alloc(600, 'x');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 2) controller.enqueue(chunk);
        else controller.close();
      },
    });
    // `duplex` is required by Node's fetch for a streamed body; lib.dom's RequestInit does not list it.
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(ran()).toBe(false);
  });

  it('keeps reading for a while after refusing a body the client is still sending, so the refusal is not lost to a reset', async () => {
    app = await start(limited('1024'));
    const { port } = new URL(app.url('/b'));
    // The client sends 2 MiB without reading, then reads: a server that closed at once, unread bytes
    // in its socket, would have answered those bytes with a reset that drops the 413 at the client.
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.pause();
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('error', (e) => resolve(`${text}|${(e as NodeJS.ErrnoException).code}`));
      socket.on('end', () => resolve(text));
      socket.write(`POST /b HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const more = (): void => {
        while (sent < 2 * 1024 * 1024) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', more);
        }
        setTimeout(() => socket.resume(), 300);
      };
      setTimeout(more, 100);
    });
    expect(outcome).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome).toContain('request body is larger than the 1024 bytes this listener accepts');
  });

  it('refuses a Content-Length past the limit before any of the body arrives', async () => {
    app = await start(limited('1024'));
    const { port } = new URL(app.url('/b'));
    // Headers only: the answer must come without waiting for the gigabyte announced.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('POST /b HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n'),
      );
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
        if (text.includes('this listener accepts')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer; got ${JSON.stringify(text)}`)), 3000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(ran()).toBe(false);
  });

  it('keeps 10 MiB when the attribute is left out', async () => {
    app = await start(limited(undefined));
    expect(app.loaded).toBeDefined();
    expect((await post(Buffer.alloc(10 * 1024 * 1024 + 1))).status).toBe(413);
    expect((await post(Buffer.alloc(10 * 1024 * 1024))).status).toBe(200);
  });

  it('with 0, accepts only requests without a body', async () => {
    app = await start(limited('0'));
    expect((await fetch(app.url('/b'), { method: 'POST' })).status).toBe(200);
    expect((await post('x')).status).toBe(413);
  });

  it('refuses a negative or non-integer limit at load, located', async () => {
    const negative = await load({ 'flows/app.xml': limited('-1') });
    expect(negative.diagnostics.map((d) => d.message)).toContain('maxRequestBodySize -1 is negative');
    const words = await load({ 'flows/app.xml': limited('1MB') });
    expect(words.diagnostics.some((d) => d.message.includes('maxRequestBodySize'))).toBe(true);
  });
});

describe('readBody with onChunk', () => {
  it('shows every chunk, in order, before the body is whole', async () => {
    const seen: string[] = [];
    const body = await readBody(request([Buffer.from('ab'), Buffer.from('cd')]), 10, (c) => seen.push(c.toString()));
    expect(seen).toEqual(['ab', 'cd']);
    expect(body.toString()).toBe('abcd');
  });

  it('stops reading at the first chunk onChunk throws on, and rejects with what it threw', async () => {
    const seen: string[] = [];
    const refusal = new Error('enough');
    const reading = readBody(request([Buffer.from('ok'), Buffer.from('bad'), Buffer.from('never')]), 100, (c) => {
      seen.push(c.toString());
      if (c.toString() === 'bad') throw refusal;
    });
    await expect(reading).rejects.toBe(refusal);
    expect(seen).toEqual(['ok', 'bad']);
  });

  it('never shows a chunk that takes the body past the limit', async () => {
    const seen: number[] = [];
    const reading = readBody(request([Buffer.alloc(6), Buffer.alloc(6)]), 10, (c) => seen.push(c.length));
    await expect(reading).rejects.toMatchObject({ status: 413 });
    expect(seen).toEqual([6]);
  });
});
