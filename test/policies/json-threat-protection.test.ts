import type { ClientRequest } from 'node:http';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const NS = 'xmlns:api-gateway="http://www.mulesoft.org/schema/mule/api-gateway"';
const MB = 1024 * 1024;

/** Flow "orders" (API orders-v1) logs "ran" and answers with the payload it got; the listener accepts bodies up to 100 MiB. */
const FLOWS = mule(
  `<http:listener-config name="listener" maxRequestBodySize="${100 * MB}"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>
  <api-gateway:autodiscovery apiId="orders-v1" flowRef="orders"/>
  <flow name="orders"><http:listener config-ref="listener" path="/orders/*"/><logger message="ran"/><set-payload value="#[{'got': payload}]"/></flow>`,
  { listener: false },
).replace('<mule ', `<mule ${NS} `);

const LIMITS = { maxContainerDepth: 3, maxStringValueLength: 10, maxObjectEntryNameLength: 5, maxObjectEntryCount: 3, maxArrayElementCount: 4 };

async function startWith(config: Record<string, unknown> = LIMITS): Promise<TestApp> {
  return start({
    'flows/app.xml': FLOWS,
    'api-manager.yaml': `apis:\n  - apiId: orders-v1\n    policies:\n      - id: json-threat-protection\n        config: ${JSON.stringify(config)}\n`,
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the test's own flow
async function post(body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(app!.url('/orders/1'), { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const ran = () => app!.logs.filter((l) => l.msg === 'ran').length;

/** Asserts `body` passes and `over` is refused naming `limit`, and that the flow ran only for the first. */
async function boundary(body: string, over: string, limit: string): Promise<void> {
  const ok = await post(body);
  expect(ok.status, body).toBe(200);
  expect(ok.body.got).toEqual(JSON.parse(body));
  const before = ran();
  const refused = await post(over);
  expect(refused.status, over).toBe(400);
  expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
  expect(refused.body).toEqual({ error: 'bad_request', error_description: expect.stringContaining(limit) });
  expect(ran()).toBe(before);
}

describe('json-threat-protection: each limit, at and one past its value', () => {
  it('maxContainerDepth: objects and arrays in any mix, the outermost at depth 1', async () => {
    app = await startWith();
    await boundary('{"a":[{"b":1}]}', '{"a":[{"b":[]}]}', 'maxContainerDepth (3)');
    await boundary('[[[1]]]', '[[[[1]]]]', 'maxContainerDepth');
    await boundary('{"a":{"b":{"c":1}}}', '{"a":{"b":{"c":{}}}}', 'maxContainerDepth');
  });

  it('maxStringValueLength: in characters, an escape or a surrogate pair counting one', async () => {
    app = await startWith();
    await boundary('["abcdefghij"]', '["abcdefghijk"]', 'maxStringValueLength (10 characters)');
    await boundary(`"${'\\u00e9'.repeat(10)}"`, `"${'\\u00e9'.repeat(11)}"`, 'maxStringValueLength');
    await boundary(`{"e":"${'😀'.repeat(10)}"}`, `{"e":"${'😀'.repeat(11)}"}`, 'maxStringValueLength');
    await boundary(`["${'\\ud83d\\ude00'.repeat(10)}"]`, `["${'\\ud83d\\ude00'.repeat(11)}"]`, 'maxStringValueLength');
  });

  it("maxObjectEntryNameLength: names only, values are maxStringValueLength's", async () => {
    app = await startWith();
    await boundary('{"abcde":"0123456789"}', '{"abcdef":1}', 'maxObjectEntryNameLength (5 characters)');
    await boundary('{"😀😀😀😀😀":1}', '{"😀😀😀😀😀😀":1}', 'maxObjectEntryNameLength');
  });

  it('maxObjectEntryCount: per object, nested ones counted apart', async () => {
    app = await startWith();
    await boundary('{"a":1,"b":{"x":1,"y":2,"z":3},"c":3}', '{"a":1,"b":2,"c":3,"d":4}', 'maxObjectEntryCount (3)');
  });

  it('maxArrayElementCount: per array, nested ones counted apart', async () => {
    app = await startWith();
    await boundary('[1,[1,2,3,4],"x",null]', '[1,2,3,4,5]', 'maxArrayElementCount (4)');
  });

  it('-1, the default, is no limit', async () => {
    app = await startWith({});
    const deep = `${'['.repeat(200)}"${'x'.repeat(5000)}"${']'.repeat(200)}`;
    expect((await post(deep)).status).toBe(200);
    expect((await post(JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`key-${'k'.repeat(100)}-${i}`, i]))))).status).toBe(200);
  });

  it('accepts the limits as strings, as exported configurationData may carry them', async () => {
    app = await startWith({ maxArrayElementCount: '2' });
    expect((await post('[1,2]')).status).toBe(200);
    expect((await post('[1,2,3]')).status).toBe(400);
  });
});

describe('json-threat-protection: what it reads', () => {
  it('refuses malformed JSON with 400, saying where', async () => {
    app = await startWith();
    for (const bad of ['{"a":1,}', '[1 2]', '{"a":1}{"b":2}', '{"a":', 'nope']) {
      const res = await post(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body).toEqual({ error: 'bad_request', error_description: expect.stringMatching(/^request body is not valid JSON: .* at character \d+$/) });
    }
    expect(ran()).toBe(0);
  });

  it('refuses bytes that are not valid in the charset', async () => {
    app = await startWith();
    const res = await post(Buffer.from([0x22, 0xff, 0x22]));
    expect(res.status).toBe(400);
    expect(res.body.error_description).toBe('request body is not valid utf-8');
  });

  it('reads the charset the Content-Type names', async () => {
    app = await startWith();
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    expect((await post(latin1('["éééééééééé"]'), 'application/json; charset=ISO-8859-1')).status).toBe(200);
    expect((await post(latin1('["ééééééééééé"]'), 'application/json; charset=ISO-8859-1')).status).toBe(400);
  });

  it('inspects any +json media type', async () => {
    app = await startWith();
    expect((await post('[[[[1]]]]', 'application/vnd.api+json')).status).toBe(400);
  });

  it('lets other content types through untouched, whatever they hold', async () => {
    app = await startWith();
    const text = await post('[[[[[["not JSON, not checked"', 'text/plain');
    expect(text.status).toBe(200);
    expect(text.body.got).toBe('[[[[[["not JSON, not checked"');
    expect((await post('<a><b><c><d/></c></b></a>', 'application/xml')).status).toBe(200);
    expect((await post(Buffer.from('[[[[[['), 'application/octet-stream')).status).toBe(200);
  });

  it('lets an empty JSON body through (the flow gets null)', async () => {
    app = await startWith();
    const res = await post('');
    expect(res.status).toBe(200);
    expect(res.body.got).toBeNull();
  });
});

/** Resolves once `req` takes more, or is gone. */
function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done).off('close', done);
      resolve();
    };
    req.on('drain', done).on('close', done);
  });
}

describe('json-threat-protection: a huge body', () => {
  it('refuses a 50 MB string early, before the client has sent it, and closes the connection; the flow never runs', async () => {
    app = await startWith();
    const total = 50 * MB;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const { port } = new URL(app.url('/'));
    const outcome = await new Promise<{ status: number; connection?: string; body: string; sentWhenAnswered: number; sentInAll: number }>((resolve, reject) => {
      let sent = 0;
      let answered: { status: number; connection?: string; body: string; sentWhenAnswered: number } | undefined;
      const req = request({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/orders/1',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      const finish = () => answered && resolve({ ...answered, sentInAll: sent });
      req.on('response', (res) => {
        const sentWhenAnswered = sent;
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          answered = { status: res.statusCode!, connection: res.headers.connection, body, sentWhenAnswered };
          // The server closes the connection: the client's writes stop there.
          setTimeout(finish, 200);
        });
      });
      req.on('error', () => finish()); // EPIPE / ECONNRESET once the server is gone: expected
      // Streams slowly: one 64 KiB chunk at a time, waiting for the socket to take it, a pause every 1 MiB.
      const pump = async () => {
        req.write('{"a":"');
        sent += 6;
        while (sent < total && !answered && !req.destroyed) {
          if (!req.write(chunk)) await drained(req);
          sent += chunk.length;
          if (sent % MB < chunk.length) await new Promise((r) => setTimeout(r, 5));
        }
        if (sent >= total && !answered) req.end('"}');
      };
      pump().catch(reject);
      setTimeout(() => reject(new Error(`no answer after sending ${sent} bytes`)), 50_000).unref();
    });
    expect(outcome.status).toBe(400);
    expect(JSON.parse(outcome.body)).toEqual({
      error: 'bad_request',
      error_description: 'a JSON string value is longer than maxStringValueLength (10 characters)',
    });
    expect(outcome.connection).toBe('close');
    // Answered before the client was done, and the connection closed: the server stopped reading and
    // never took 50 MB in. (How much the socket buffers had taken by then depends on load, not on flowrt.)
    expect(outcome.sentWhenAnswered).toBeLessThan(total);
    expect(outcome.sentInAll).toBeLessThan(total);
    expect(ran()).toBe(0);
  }, 60_000);
});

describe('json-threat-protection: configuration', () => {
  it('refuses a limit below -1 at load, and blocks the API until it is fixed', async () => {
    app = await startWith({ maxContainerDepth: -2 });
    expect(app.diagnostics.map((d) => d.message).join('\n')).toMatch(/maxContainerDepth/);
    expect((await post('{}')).status).toBe(503);
  });
});
