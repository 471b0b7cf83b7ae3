import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTP } from '../../../src/errors/catalog/index.js';
import { FlowError } from '../../../src/errors/flow-error.js';
import { HttpClient } from '../../../src/http/client/http-client.js';
import type { OutboundRequest } from '../../../src/http/client/outbound.js';
import type { BigBodyServer } from '../../helpers/big-body.js';
import { bigBodyServer, EARLY_CLOSE_BOUND, HUGE } from '../../helpers/big-body.js';

const MiB = 1024 * 1024;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function client(): HttpClient {
  const c = new HttpClient({ connectionIdleTimeout: 1000, usePersistentConnections: true });
  cleanup.push(() => c.close());
  return c;
}

async function server(bytes: number, declareLength: boolean): Promise<BigBodyServer> {
  const s = await bigBodyServer(bytes, { declareLength }, (req, res) => {
    if (req.url !== '/small') return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return true;
  });
  cleanup.push(() => s.close());
  return s;
}

const get = (origin: string, path: string, maxResponseBytes?: number): OutboundRequest => ({
  method: 'GET',
  url: new URL(path, origin),
  headers: {},
  timeoutMs: 30_000,
  followRedirects: false,
  maxResponseBytes,
});

describe('HttpClient: maxResponseBytes', () => {
  it.each([
    ['declares its length', true],
    ['is chunked without a length', false],
  ])('refuses a 200 MB answer that %s as HTTP:CONNECTIVITY, and the server is cut off early', async (_what, declareLength) => {
    const s = await server(HUGE, declareLength);
    const err = await client()
      .send(get(s.origin, '/jwks', MiB))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowError);
    expect((err as FlowError).type).toBe(HTTP.CONNECTIVITY);
    expect((err as FlowError).description).toBe(`HTTP GET on resource '${s.origin}/jwks' failed: response body larger than 1048576 bytes.`);
    const streamed = await s.streams[0]!;
    expect(streamed.finished).toBe(false);
    expect(streamed.written).toBeLessThan(EARLY_CLOSE_BOUND);
  });

  it('reads an answer of exactly the limit, and the same client serves the next request', async () => {
    const s = await server(MiB, false);
    const c = client();
    expect((await c.send(get(s.origin, '/exact', MiB))).body.length).toBe(MiB);
    await expect(c.send(get(s.origin, '/over', MiB - 1))).rejects.toThrow(/larger than 1048575 bytes/);
    expect((await c.send(get(s.origin, '/small', 100))).body.toString()).toBe('{"ok":true}');
  });

  it('reads any size without a limit, as http:request does', async () => {
    const s = await server(5 * MiB, true);
    expect((await client().send(get(s.origin, '/big'))).body.length).toBe(5 * MiB);
  });

  it('applies the limit to the answer a redirect leads to', async () => {
    const big = await server(5 * MiB, false);
    const redirector = createServer((_req, res) => {
      res.writeHead(302, { location: `${big.origin}/jwks` });
      res.end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => redirector.close(() => r())));
    const origin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
    await expect(client().send({ ...get(origin, '/start', MiB), followRedirects: true })).rejects.toThrow(/larger than 1048576 bytes/);
  });
});
