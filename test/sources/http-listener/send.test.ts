import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { execContext } from '../../../src/runtime/processor.js';
import { send } from '../../../src/sources/http-listener/send.js';

/** The status line and headers a client reads when `send` writes `spec` for a request. */
async function answer(spec: Parameters<typeof send>[1]): Promise<{ status: number; message: string; headers: Record<string, unknown> }> {
  const exec = execContext(pino({ level: 'silent' }), 'c-1', { lookup: () => undefined } as never);
  const server = createServer((req, res) => send({ req, res }, spec, exec));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await res.arrayBuffer();
    return { status: res.status, message: res.statusText, headers: Object.fromEntries(res.headers) };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('send', () => {
  it('answers a plain 500, without the reason phrase asked for, when a header is refused', async () => {
    const got = await answer({ status: 201, reasonPhrase: 'Made', headers: { 'x-bad': 'caf\u0100' }, body: 'ok', mediaType: 'text/plain' });
    expect(got.status).toBe(500);
    expect(got.message).toBe('Internal Server Error');
    expect(got.headers['x-bad']).toBeUndefined();
  });

  it('writes the status, reason phrase and headers asked for', async () => {
    const got = await answer({ status: 201, reasonPhrase: 'Made', headers: { 'x-good': 'yes' }, body: 'ok', mediaType: 'text/plain' });
    expect(got).toMatchObject({ status: 201, message: 'Made', headers: { 'x-good': 'yes', 'content-length': '2' } });
  });
});
