import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const MiB = 1024 * 1024;

/** One flow on `path` (listener attributes and children in `listener`), then `steps`. */
function flow(path: string, steps: string, listener = ''): string {
  const source = listener
    ? `<http:listener config-ref="listener" path="${path}">${listener}</http:listener>`
    : `<http:listener config-ref="listener" path="${path}"/>`;
  return mule(`<flow name="f">${source}${steps}</flow>`);
}

/** Echoes the request attributes as JSON. */
const ATTRIBUTES = `<set-payload value="#[attributes]"/>`;

describe('http:listener request attributes', () => {
  it("exposes Mule's HttpRequestAttributes for a request under a basePath", async () => {
    app = await start(
      mule(
        `<http:listener-config name="listener" basePath="/api"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>
         <flow name="f"><http:listener config-ref="listener" path="/orders/{id}"/>${ATTRIBUTES}</flow>`,
        { listener: false },
      ),
    );
    const res = await fetch(app.url('/api/orders/7?x=1&y=two'), { method: 'POST', headers: { 'X-Custom-Header': 'v' } });
    const a = (await res.json()) as Record<string, unknown>;
    expect(a).toMatchObject({
      method: 'POST',
      scheme: 'http',
      version: 'HTTP/1.1',
      listenerPath: '/api/orders/{id}',
      requestPath: '/api/orders/7',
      relativePath: '/orders/7',
      requestUri: '/api/orders/7?x=1&y=two',
      queryString: 'x=1&y=two',
      queryParams: { x: '1', y: 'two' },
      uriParams: { id: '7' },
    });
    expect(a.remoteAddress).toMatch(/^\/127\.0\.0\.1:\d+$/);
  });

  it('lower-cases header names', async () => {
    app = await start(flow('/h', `<set-payload value="#[attributes.headers.\`x-custom-header\`]"/>`));
    const res = await fetch(app.url('/h'), { headers: { 'X-Custom-HEADER': 'Value' } });
    expect(await res.text()).toBe('Value');
  });

  it('decodes query parameters', async () => {
    app = await start(flow('/q', `<set-payload value="#[attributes.queryParams.q &amp; '|' &amp; attributes.queryParams.plus]"/>`));
    const res = await fetch(app.url('/q?q=a%20b%26c&plus=x+y'));
    expect(await res.text()).toBe('a b&c|x y');
  });

  it('reads empty queryParams and queryString when the request has no query', async () => {
    app = await start(flow('/q', ATTRIBUTES));
    const a = (await (await fetch(app.url('/q'))).json()) as Record<string, unknown>;
    expect(a.queryParams).toEqual({});
    expect(a.queryString).toBe('');
    expect(a.uriParams).toEqual({});
  });
});

describe('http:listener correlation id', () => {
  const LOGGING = `<logger level="INFO" message="in flow"/><set-payload value="#[correlationId]"/>`;

  it('takes the correlation id from X-Correlation-ID', async () => {
    app = await start(flow('/c', LOGGING));
    const res = await fetch(app.url('/c'), { headers: { 'X-Correlation-ID': 'abc-123' } });
    expect(await res.text()).toBe('abc-123');
    expect(app.logs.find((l) => l.msg === 'in flow')?.correlationId).toBe('abc-123');
  });

  it('generates a distinct correlation id per request without the header', async () => {
    app = await start(flow('/c', LOGGING));
    const first = await (await fetch(app.url('/c'))).text();
    const second = await (await fetch(app.url('/c'))).text();
    expect(first).not.toBe('');
    expect(second).not.toBe(first);
    expect(app.logs.filter((l) => l.msg === 'in flow').map((l) => l.correlationId)).toEqual([first, second]);
  });

  it('puts the correlation id in every log line of the event, across flow-refs and error handlers', async () => {
    app = await start(
      mule(`
      <flow name="main"><http:listener config-ref="listener" path="/c"/>
        <logger message="main"/>
        <flow-ref name="child"/>
        <error-handler><on-error-continue><logger level="WARN" message="handled #[error.errorType.identifier]"/></on-error-continue></error-handler>
      </flow>
      <flow name="child">
        <logger level="DEBUG" message="child" category="app.child"/>
        <raise-error type="APP:BOOM" description="boom"/>
        <error-handler><on-error-propagate><logger level="ERROR" message="child failed"/></on-error-propagate></error-handler>
      </flow>`),
    );
    const before = app.logs.length;
    const res = await fetch(app.url('/c'), { headers: { 'X-Correlation-ID': 'trace-1' } });
    expect(res.status).toBe(200);
    const lines: LogLine[] = app.logs.slice(before);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['main', 'child', 'child failed', 'handled BOOM']));
    for (const line of lines) expect(line, JSON.stringify(line)).toMatchObject({ correlationId: 'trace-1' });
  });
});

describe('http:listener request bodies', () => {
  const TYPE = `<set-payload value="#[$type(payload)]"/>`;

  it('reads a JSON body as a structure', async () => {
    app = await start(flow('/b', `<set-payload value="#[payload.items[1].name]"/>`));
    const res = await fetch(app.url('/b'), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: '{"items":[{"name":"a"},{"name":"b"}]}',
    });
    expect(await res.text()).toBe('b');
  });

  it('reads a +json body as a structure', async () => {
    app = await start(flow('/b', `<set-payload value="#[payload.data.id]"/>`));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/vnd.api+json' }, body: '{"data":{"id":"9"}}' });
    expect(await res.text()).toBe('9');
  });

  it('reads a form body as an object of its fields', async () => {
    app = await start(flow('/b', `<set-payload value="#[payload]"/>`));
    const res = await fetch(app.url('/b'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=J%C3%BCrgen+K&tag=a&tag=b',
    });
    expect(await res.json()).toEqual({ name: 'Jürgen K', tag: ['a', 'b'] });
  });

  it('reads a text body as a string', async () => {
    app = await start(flow('/b', `<set-payload value="#[$uppercase(payload)]"/>`));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(await res.text()).toBe('HELLO');
  });

  it('reads an XML body as text', async () => {
    app = await start(flow('/b', TYPE));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a>1</a>' });
    expect(await res.text()).toBe('string');
  });

  it('reads an empty body as null', async () => {
    app = await start(flow('/b', TYPE));
    expect(await (await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/json' } })).text()).toBe('null');
  });

  it('echoes a JSON body back as JSON', async () => {
    app = await start(flow('/b', `<logger message="echo"/>`));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ a: [1, 2] });
  });

  it('echoes a body so that it decodes, in the charset its Content-Type names, to what was sent', async () => {
    app = await start(flow('/b', `<logger message="echo"/>`));
    const latin1 = Buffer.from('{"name":"Zoë"}', 'latin1');
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/json; charset=ISO-8859-1' }, body: latin1 });
    const charset = /charset=([^;]+)/i.exec(res.headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
    const text = new TextDecoder(charset).decode(await res.arrayBuffer());
    expect(JSON.parse(text)).toEqual({ name: 'Zoë' });
  });

  it('echoes a binary body byte for byte', async () => {
    app = await start(flow('/b', `<logger message="echo"/>`));
    const bytes = Buffer.from([0, 255, 1, 254, 0x80]);
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(res.headers.get('content-type')).toMatch(/^application\/octet-stream/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers 400 as text to malformed JSON without running the flow, and keeps serving', async () => {
    app = await start(flow('/b', `<logger message="ran"/><set-payload value="ok"/>`));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/JSON/);
    expect(app.logs.some((l) => l.msg === 'ran')).toBe(false);
    expect(await (await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).text()).toBe('ok');
  });

  it('accepts a body of exactly 10 MiB', async () => {
    app = await start(flow('/b', `<set-payload value="ok"/>`));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(10 * MiB) });
    expect(res.status).toBe(200);
  });

  it('answers 413 to a body past 10 MiB', async () => {
    app = await start(flow('/b', `<logger message="ran"/>`));
    const res = await fetch(app.url('/b'), { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(10 * MiB + 1) });
    expect(res.status).toBe(413);
    expect(app.logs.some((l) => l.msg === 'ran')).toBe(false);
  });

  it('answers 413 to a chunked body that grows past 10 MiB', async () => {
    app = await start(flow('/b', `<logger message="ran"/>`));
    const chunk = Buffer.alloc(MiB);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(chunk);
        else controller.close();
      },
    });
    // `duplex` is required by Node's fetch for a streamed body; lib.dom's RequestInit does not list it.
    const init = { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body, duplex: 'half' } as RequestInit;
    const res = await fetch(app.url('/b'), init);
    expect(res.status).toBe(413);
  });
});

describe('http:listener responses', () => {
  it('answers an object payload as application/json', async () => {
    app = await start(flow('/r', `<set-payload value="#[{'a': 1, 'b': [true, null]}]"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ a: 1, b: [true, null] });
  });

  it('answers an array payload as application/json', async () => {
    app = await start(flow('/r', `<set-payload value="#[[1, 2, 3]]"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual([1, 2, 3]);
  });

  it('answers a string payload as text/plain', async () => {
    app = await start(flow('/r', `<set-payload value="#['plain ' &amp; 'text']"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('plain text');
  });

  it('answers a null payload with an empty body and the status asked for', async () => {
    app = await start(flow('/r', `<set-payload value="#[null]"/>`, `<http:response statusCode="201"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('');
  });

  it('answers a null payload with an empty 200 by default', async () => {
    app = await start(flow('/r', `<set-payload value="#[null]"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
  });

  it('uses http:response statusCode, reasonPhrase, headers and body as literals', async () => {
    app = await start(
      flow('/r', `<set-payload value="ignored"/>`, `<http:response statusCode="202" reasonPhrase="Queued Up"><http:body>accepted</http:body></http:response>`),
    );
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(202);
    expect(res.statusText).toBe('Queued Up');
    expect(await res.text()).toBe('accepted');
  });

  it("evaluates http:response parts written as #[...] over the flow's result", async () => {
    app = await start(
      flow(
        '/r',
        `<set-variable variableName="code" value="#[418]"/><set-payload value="#[{'id': 5}]"/>`,
        `<http:response statusCode="#[vars.code]" reasonPhrase="#['Teapot ' &amp; payload.id]">
           <http:body>#[{'wrapped': payload}]</http:body>
           <http:headers><![CDATA[#[{'X-Id': payload.id, 'Location': '/things/' & payload.id}]]]></http:headers>
         </http:response>`,
      ),
    );
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(418);
    expect(res.statusText).toBe('Teapot 5');
    expect(res.headers.get('x-id')).toBe('5');
    expect(res.headers.get('location')).toBe('/things/5');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ wrapped: { id: 5 } });
  });

  it('answers 200 when the statusCode expression yields nothing', async () => {
    app = await start(flow('/r', `<set-payload value="ok"/>`, `<http:response statusCode="#[vars.missing]"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('lets http:headers set the Content-Type', async () => {
    app = await start(flow('/r', `<set-payload value="a,b"/>`, `<http:response><http:headers>#[{'Content-Type': 'text/csv'}]</http:headers></http:response>`));
    const res = await fetch(app.url('/r'));
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(await res.text()).toBe('a,b');
  });

  it('answers an unhandled error with 500 and the error description as text', async () => {
    app = await start(flow('/r', `<raise-error type="APP:FAILED" description="it broke"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('it broke');
  });

  it('uses http:error-response statusCode, headers and body over the error', async () => {
    app = await start(
      flow(
        '/r',
        `<raise-error type="APP:MISSING" description="no such order"/>`,
        `<http:error-response statusCode="404" reasonPhrase="Gone Fishing">
           <http:body>#[{'message': error.description, 'type': error.errorType.identifier}]</http:body>
           <http:headers>#[{'X-Error': error.errorType.namespace}]</http:headers>
         </http:error-response>`,
      ),
    );
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(404);
    expect(res.statusText).toBe('Gone Fishing');
    expect(res.headers.get('x-error')).toBe('APP');
    expect(await res.json()).toEqual({ message: 'no such order', type: 'MISSING' });
  });

  it('answers 500 when the error-response statusCode expression yields nothing', async () => {
    app = await start(flow('/r', `<raise-error type="APP:X" description="x"/>`, `<http:error-response statusCode="#[vars.missing]"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('x');
  });

  it('does not use http:error-response when the flow succeeds', async () => {
    app = await start(flow('/r', `<set-payload value="fine"/>`, `<http:error-response statusCode="503"/>`));
    const res = await fetch(app.url('/r'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('fine');
  });
});

describe('listener charsets and JSON strings', () => {
  it("reads a body whose Content-Type names no charset in the listener's outputEncoding", async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/t" outputEncoding="ISO-8859-1"/>
      <set-payload value="#[{'got': payload}]"/></flow>`),
    );
    const res = await fetch(app.url('/t'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.from([0x5a, 0x6f, 0xeb]) });
    expect(await res.json()).toEqual({ got: 'Zoë' });
  });

  it('writes a JSON string payload as a JSON string', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/></flow>`));
    const res = await fetch(app.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '"hello"' });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe('"hello"');
  });
});
