import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { Upstream } from '../helpers/upstream.js';
import { closedPort, json, upstream } from '../helpers/upstream.js';

let app: TestApp | undefined;
const upstreams: Upstream[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

async function server(...args: Parameters<typeof upstream>): Promise<Upstream> {
  const u = await upstream(...args);
  upstreams.push(u);
  return u;
}

/** A request config "up" pointing at `port`, `connection` inside its connection, `rest` after it. */
function requestConfig(port: number, { basePath = '/', connection = '', attrs = '', rest = '' } = {}): string {
  return `<http:request-config name="up" basePath="${basePath}" ${attrs}>
    <http:request-connection host="127.0.0.1" port="${port}">${connection}</http:request-connection>${rest}
  </http:request-config>`;
}

/** A listener flow at /t running `steps`, answering the error as JSON when one propagates. */
function flow(steps: string): string {
  return `<flow name="main"><http:listener config-ref="listener" path="/t">
      <http:error-response statusCode="#[$default(vars.status, 500)]"><http:body>#[{'type': error.errorType.namespace &amp; ':' &amp; error.errorType.identifier, 'description': error.description, 'upstream': error.errorMessage.attributes.statusCode, 'body': error.errorMessage.payload}]</http:body></http:error-response>
    </http:listener>${steps}</flow>`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of many shapes, read field by field
async function call(init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(app!.url('/t'), init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('http:request', () => {
  it('sends method, basePath + path with uri and query parameters, headers and the payload as JSON', async () => {
    const up = await server((_req, res) => json(res, 201, { ok: true }, { 'x-upstream': 'yes' }));
    app = await start(
      mule(`${requestConfig(up.port, { basePath: '/v1', rest: '<http:default-headers><http:default-header key="x-tenant" value="acme"/></http:default-headers>' })}
      ${flow(`<http:request config-ref="up" method="PUT" path="/orders/{id}">
        <http:headers>#[{'x-trace': 'abc'}]</http:headers>
        <http:uri-params>#[{'id': 'a b'}]</http:uri-params>
        <http:query-params>#[{'tags': ['x', 'y'], 'q': 'v'}]</http:query-params>
      </http:request>
      <set-payload value="#[{'payload': payload, 'status': attributes.statusCode, 'header': attributes.headers.\`x-upstream\`}]"/>`)}`),
    );
    const res = await call({ method: 'POST', headers: { 'content-type': 'application/json', 'x-correlation-id': 'c-1' }, body: '{"n":1}' });
    expect(res.body).toEqual({ payload: { ok: true }, status: 201, header: 'yes' });
    const got = up.received[0]!;
    expect(got.method).toBe('PUT');
    expect(got.url).toBe('/v1/orders/a%20b?tags=x&tags=y&q=v');
    expect(got.headers).toMatchObject({ 'x-trace': 'abc', 'x-tenant': 'acme', 'content-type': 'application/json', 'x-correlation-id': 'c-1' });
    expect(JSON.parse(got.body)).toEqual({ n: 1 });
  });

  it('sends no body with GET (sendBodyMode AUTO) and one with ALWAYS', async () => {
    const up = await server((_req, res) => json(res, 200, {}));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<set-payload value="x"/><http:request config-ref="up" path="/a"/><set-payload value="x"/>
      <http:request config-ref="up" path="/b" sendBodyMode="ALWAYS"/>`)}`,
      ),
    );
    await call();
    expect(up.received.map((r) => [r.url, r.body])).toEqual([
      ['/a', ''],
      ['/b', 'x'],
    ]);
  });

  it('puts the result into a target variable and keeps the payload', async () => {
    const up = await server((_req, res) => json(res, 200, { price: 3 }));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<set-payload value="#[{'mine': true}]"/>
      <http:request config-ref="up" path="/p" target="price" targetValue="#[payload.price]"/>
      <set-payload value="#[{'payload': payload, 'price': vars.price}]"/>`)}`,
      ),
    );
    expect((await call()).body).toEqual({ payload: { mine: true }, price: 3 });
  });

  it('calls a full url without a config', async () => {
    const up = await server((req, res) => json(res, 200, { at: req.url }));
    app = await start(mule(flow(`<http:request method="GET" url="${up.base}/direct?x=1"/>`)));
    expect((await call()).body).toEqual({ at: '/direct?x=1' });
  });

  it.each([
    [400, 'HTTP:BAD_REQUEST', 'bad request (400)'],
    [401, 'HTTP:UNAUTHORIZED', 'unauthorized (401)'],
    [403, 'HTTP:FORBIDDEN', 'forbidden (403)'],
    [404, 'HTTP:NOT_FOUND', 'not found (404)'],
    [405, 'HTTP:METHOD_NOT_ALLOWED', 'method not allowed (405)'],
    [406, 'HTTP:NOT_ACCEPTABLE', 'not acceptable (406)'],
    [429, 'HTTP:TOO_MANY_REQUESTS', 'too many requests (429)'],
    [500, 'HTTP:INTERNAL_SERVER_ERROR', 'internal server error (500)'],
    [502, 'HTTP:BAD_GATEWAY', 'bad gateway (502)'],
    [503, 'HTTP:SERVICE_UNAVAILABLE', 'service unavailable (503)'],
    [504, 'HTTP:GATEWAY_TIMEOUT', 'gateway timeout (504)'],
    [418, 'HTTP:RESPONSE_VALIDATION', 'with status code 418'],
  ])('raises the error type of a %i answer, with the response as errorMessage', async (status, type, words) => {
    const up = await server((_req, res) => json(res, status, { reason: 'upstream says no' }));
    app = await start(mule(`${requestConfig(up.port)}${flow('<http:request config-ref="up" path="/x"/>')}`));
    const res = await call();
    expect(res.status).toBe(500);
    expect(res.body.type).toBe(type);
    expect(res.body.description).toContain(`HTTP GET on resource 'http://127.0.0.1:${up.port}/x' failed`);
    expect(res.body.description).toContain(words);
    expect(res.body.upstream).toBe(status);
    expect(res.body.body).toEqual({ reason: 'upstream says no' });
  });

  it('places 401 and 403 under MULE:CLIENT_SECURITY and 404 under HTTP:RESPONSE_VALIDATION, as Mule', async () => {
    const up = await server((req, res) => json(res, Number(req.url.slice(1)), {}));
    app = await start(
      mule(`${requestConfig(up.port)}
      <flow name="main"><http:listener config-ref="listener" path="/t"/>
        <http:request config-ref="up" path="#['/' &amp; attributes.queryParams.s]"/>
        <error-handler>
          <on-error-continue type="MULE:CLIENT_SECURITY"><set-payload value="client-security"/></on-error-continue>
          <on-error-continue type="HTTP:RESPONSE_VALIDATION"><set-payload value="response-validation"/></on-error-continue>
        </error-handler></flow>`),
    );
    const text = async (s: number) => (await fetch(app!.url(`/t?s=${s}`))).text();
    expect([await text(401), await text(403), await text(404)]).toEqual(['client-security', 'client-security', 'response-validation']);
  });

  it('accepts the statuses a success-status-code-validator lists, and rejects the others', async () => {
    const up = await server((req, res) => json(res, Number(req.url.slice(1)), { s: req.url }));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<http:request config-ref="up" path="#['/' &amp; attributes.queryParams.s]">
        <http:response-validator><http:success-status-code-validator values="200..299,404"/></http:response-validator></http:request>`)}`,
      ),
    );
    expect((await fetch(app.url('/t?s=404'))).status).toBe(200);
    expect((await fetch(app.url('/t?s=204'))).status).toBe(200);
    expect(await (await fetch(app.url('/t?s=302'))).json()).toMatchObject({ type: 'HTTP:RESPONSE_VALIDATION' });
  });

  it('rejects what a failure-status-code-validator lists', async () => {
    const up = await server((_req, res) => json(res, 202, {}));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<http:request config-ref="up" path="/x">
        <http:response-validator><http:failure-status-code-validator values="202"/></http:response-validator></http:request>`)}`,
      ),
    );
    expect((await call()).body.type).toBe('HTTP:RESPONSE_VALIDATION');
  });

  it('follows redirects, and does not when followRedirects is false', async () => {
    const up = await server((req, res) => {
      if (req.url === '/old') {
        res.writeHead(302, { location: '/new' });
        res.end();
      } else json(res, 200, { at: req.url });
    });
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<http:request config-ref="up" path="/old" target="followed"/>
      <http:request config-ref="up" path="/old" followRedirects="false" target="status" targetValue="#[attributes.statusCode]"/>
      <set-payload value="#[{'followed': vars.followed, 'status': vars.status}]"/>`)}`,
      ),
    );
    expect((await call()).body).toEqual({ followed: { at: '/new' }, status: 302 });
  });

  it('takes followRedirects, sendBodyMode and sendCorrelationId from expressions, per request, as Mule does', async () => {
    const up = await server((req, res) => {
      if (req.url.startsWith('/old')) {
        res.writeHead(302, { location: '/new' });
        res.end();
      } else json(res, 200, { at: req.url, body: req.body, correlation: req.headers['x-correlation-id'] ?? null });
    });
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<set-payload value="sent"/>
      <http:request config-ref="up" path="/old" method="GET" followRedirects="#[attributes.queryParams.follow = 'yes']"
          sendBodyMode="#[attributes.queryParams.mode]" sendCorrelationId="#[attributes.queryParams.cid]" target="r" targetValue="#[{'status': attributes.statusCode, 'body': payload}]"/>
      <set-payload value="#[vars.r]"/>`)}`,
      ),
    );
    const ask = async (query: string) => (await fetch(app!.url(`/t?${query}`), { headers: { 'x-correlation-id': 'c-9' } })).json();
    expect(await ask('follow=yes&mode=ALWAYS&cid=AUTO')).toEqual({ status: 200, body: { at: '/new', body: 'sent', correlation: 'c-9' } });
    expect(await ask('follow=no&mode=NEVER&cid=NEVER')).toEqual({ status: 302, body: null });
    expect(up.received.map((r) => [r.url, r.body, r.headers['x-correlation-id'] ?? null])).toEqual([
      ['/old', 'sent', 'c-9'],
      ['/new', 'sent', 'c-9'],
      ['/old', '', null],
    ]);
    // A value that fits no setting is the expression's failure.
    const bad = await ask('follow=yes&mode=SOMETIMES&cid=AUTO');
    expect(bad).toEqual(expect.objectContaining({ type: 'MULE:EXPRESSION', description: 'sendBodyMode "SOMETIMES" is not one of AUTO, ALWAYS, NEVER' }));
  });

  it('raises HTTP:TIMEOUT when the upstream is slower than responseTimeout, without waiting for it', async () => {
    const up = await server((_req, res) => void setTimeout(() => json(res, 200, {}), 3000));
    app = await start(mule(`${requestConfig(up.port)}${flow('<http:request config-ref="up" path="/slow" responseTimeout="200"/>')}`));
    const started = Date.now();
    const res = await call();
    expect(res.body.type).toBe('HTTP:TIMEOUT');
    expect(res.body.description).toContain('Timeout exceeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('applies the config responseTimeout, and configuration defaultResponseTimeout without one', async () => {
    const up = await server((_req, res) => void setTimeout(() => json(res, 200, {}), 3000));
    app = await start(mule(`<configuration defaultResponseTimeout="150"/>${requestConfig(up.port)}${flow('<http:request config-ref="up" path="/slow"/>')}`));
    const started = Date.now();
    expect((await call()).body.type).toBe('HTTP:TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('raises HTTP:CONNECTIVITY (a MULE:CONNECTIVITY) when the connection is refused', async () => {
    const port = await closedPort();
    app = await start(
      mule(`${requestConfig(port)}
      <flow name="main"><http:listener config-ref="listener" path="/t"/><http:request config-ref="up" path="/x"/>
        <error-handler><on-error-continue type="MULE:CONNECTIVITY"><set-payload value="#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ' ' &amp; error.description]"/></on-error-continue></error-handler></flow>`),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe(`HTTP:CONNECTIVITY HTTP GET on resource 'http://127.0.0.1:${port}/x' failed: Connection refused.`);
  });

  it('raises HTTP:CONNECTIVITY when the upstream resets the connection', async () => {
    const up = await server((_req, _res, raw) => void raw.socket.destroy());
    app = await start(mule(`${requestConfig(up.port)}${flow('<http:request config-ref="up" path="/x"/>')}`));
    expect((await call()).body).toMatchObject({ type: 'HTTP:CONNECTIVITY', description: expect.stringContaining('failed: Remotely closed') });
  });

  it('retries connectivity failures as reconnection says, then raises HTTP:RETRY_EXHAUSTED', async () => {
    const port = await closedPort();
    app = await start(
      mule(
        `${requestConfig(port, { connection: '<reconnection><reconnect frequency="100" count="2"/></reconnection>' })}${flow('<http:request config-ref="up" path="/x"/>')}`,
      ),
    );
    const started = Date.now();
    const res = await call();
    expect(res.body.type).toBe('HTTP:RETRY_EXHAUSTED');
    expect(res.body.description).toContain('Gave up after 3 attempts');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('succeeds on a flapping upstream within the reconnection attempts', async () => {
    let calls = 0;
    const up = await server((_req, res, raw) => void (++calls < 3 ? raw.socket.destroy() : json(res, 200, { calls })));
    app = await start(
      mule(
        `${requestConfig(up.port, { connection: '<reconnection><reconnect frequency="20" count="3"/></reconnection>' })}${flow('<http:request config-ref="up" path="/x"/>')}`,
      ),
    );
    expect((await call()).body).toEqual({ calls: 3 });
  });

  it("takes a reconnection strategy written on the request itself, over its config's", async () => {
    let calls = 0;
    const up = await server((_req, res, raw) => void (++calls < 3 ? raw.socket.destroy() : json(res, 200, { calls })));
    app = await start(
      mule(
        `${requestConfig(up.port, { connection: '<reconnection><reconnect frequency="20" count="1"/></reconnection>' })}${flow('<http:request config-ref="up" path="/x"><reconnect frequency="20" count="3" blocking="false"/></http:request>')}`,
      ),
    );
    expect((await call()).body).toEqual({ calls: 3 });
  });

  it('applies the response validator of its config unless the request has its own', async () => {
    const up = await server((req, res) => json(res, 404, { missing: req.url }));
    const validator = '<http:response-validator><http:success-status-code-validator values="200..299,404"/></http:response-validator>';
    app = await start(
      mule(
        `${requestConfig(up.port, { rest: validator })}${flow(`<http:request config-ref="up" path="/a"/>
      <set-variable variableName="first" value="#[attributes.statusCode]"/>
      <http:request config-ref="up" path="/b"><http:response-validator><http:success-status-code-validator values="200"/></http:response-validator></http:request>`)}`,
      ),
    );
    expect((await call()).body).toMatchObject({ type: 'HTTP:NOT_FOUND', upstream: 404 });
    expect(up.received.map((r) => r.url)).toEqual(['/a', '/b']);
  });

  it('maps its errors as its error-mapping says, for handlers to catch by the new type', async () => {
    const up = await server((req, res) => json(res, req.url === '/gone' ? 404 : 500, { url: req.url }));
    app = await start(
      mule(`${requestConfig(up.port)}
      <flow name="main"><http:listener config-ref="listener" path="/t"/>
        <http:request config-ref="up" path="#[attributes.queryParams.p]">
          <error-mapping sourceType="HTTP:NOT_FOUND" targetType="APP:NO_ORDER"/>
          <error-mapping targetType="APP:UPSTREAM"/>
        </http:request>
        <error-handler>
          <on-error-continue type="APP:NO_ORDER"><set-payload value="#[{'mapped': error.errorType.identifier, 'was': error.description, 'status': error.errorMessage.attributes.statusCode}]"/></on-error-continue>
          <on-error-continue type="APP:UPSTREAM"><set-payload value="#[{'mapped': error.errorType.identifier}]"/></on-error-continue>
        </error-handler>
      </flow>`),
    );
    const get = async (p: string) => (await fetch(app!.url(`/t?p=${p}`))).json();
    expect(await get('/gone')).toEqual({ mapped: 'NO_ORDER', was: expect.stringContaining('404'), status: 404 });
    expect(await get('/boom')).toEqual({ mapped: 'UPSTREAM' });
  });

  it("accepts Mule's streaming strategies and leaves the response readable twice", async () => {
    const up = await server((_req, res) => json(res, 200, { n: 1 }));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<http:request config-ref="up" path="/x"><non-repeatable-stream/></http:request>
      <set-payload value="#[{'a': payload.n, 'b': payload.n}]"/>`)}`,
      ),
    );
    expect((await call()).body).toEqual({ a: 1, b: 1 });
  });

  it('raises HTTP:PARSING with the raw text when a JSON answer does not parse', async () => {
    const up = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{not json');
    });
    app = await start(mule(`${requestConfig(up.port)}${flow('<http:request config-ref="up" path="/x"/>')}`));
    expect((await call()).body).toMatchObject({ type: 'HTTP:PARSING', body: '{not json' });
  });

  it('sends basic authentication credentials', async () => {
    const up = await server((req, res) => json(res, 200, { auth: req.headers.authorization }));
    app = await start(
      mule(
        `${requestConfig(up.port, { connection: '<http:authentication><http:basic-authentication username="ann" password="s3cret"/></http:authentication>' })}${flow('<http:request config-ref="up" path="/x"/>')}`,
      ),
    );
    expect((await call()).body).toEqual({ auth: `Basic ${Buffer.from('ann:s3cret').toString('base64')}` });
  });

  it('sends non-preemptive basic credentials only after a 401 challenge', async () => {
    const up = await server((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' });
        res.end();
      } else json(res, 200, { ok: true });
    });
    app = await start(
      mule(
        `${requestConfig(up.port, { connection: '<http:authentication><http:basic-authentication username="a" password="b" preemptive="false"/></http:authentication>' })}${flow('<http:request config-ref="up" path="/x"/>')}`,
      ),
    );
    expect((await call()).body).toEqual({ ok: true });
    expect(up.received.map((r) => r.headers.authorization === undefined)).toEqual([true, false]);
  });

  it('calls an HTTPS upstream whose CA the tls:context trust store names', async () => {
    const up = await server((_req, res) => json(res, 200, { secure: true }), { tls: true });
    const tls = `<tls:context><tls:trust-store path="ca.pem" type="pem"/></tls:context>`;
    app = await start({
      'flows/app.xml':
        mule(`<http:request-config name="up"><http:request-connection protocol="HTTPS" host="localhost" port="${up.port}">${tls}</http:request-connection></http:request-config>
        ${flow('<http:request config-ref="up" path="/x"/>')}`),
      'ca.pem': (await import('node:fs')).readFileSync('test/fixtures/tls/ca.pem', 'utf8'),
    });
    expect((await call()).body).toEqual({ secure: true });
  });

  it('trusts the CAs of a global tls:context its connection names with tlsContext', async () => {
    const up = await server((_req, res) => json(res, 200, { secure: true }), { tls: true });
    app = await start({
      'flows/app.xml': mule(`<tls:context name="upstreamTls"><tls:trust-store path="ca.pem" type="pem"/></tls:context>
        <http:request-config name="up"><http:request-connection protocol="HTTPS" host="localhost" port="${up.port}" tlsContext="upstreamTls"/></http:request-config>
        ${flow('<http:request config-ref="up" path="/x"/>')}`),
      'ca.pem': (await import('node:fs')).readFileSync('test/fixtures/tls/ca.pem', 'utf8'),
    });
    expect((await call()).body).toEqual({ secure: true });
  });

  it('raises HTTP:SECURITY for an HTTPS upstream it does not trust', async () => {
    const up = await server((_req, res) => json(res, 200, {}), { tls: true });
    app = await start(
      mule(`<http:request-config name="up"><http:request-connection protocol="HTTPS" host="localhost" port="${up.port}"/></http:request-config>
      ${flow('<http:request config-ref="up" path="/x"/>')}`),
    );
    expect((await call()).body.type).toBe('HTTP:SECURITY');
  });

  it('keeps connections alive across requests', async () => {
    const up = await server((_req, res, raw) => json(res, 200, { port: raw.socket.remotePort }));
    app = await start(mule(`${requestConfig(up.port)}${flow('<http:request config-ref="up" path="/x"/>')}`));
    const first = (await call()).body.port;
    const second = (await call()).body.port;
    expect(second).toBe(first);
  });

  it('turns a POST into a GET without body on 303, and keeps it on 307', async () => {
    const up = await server((req, res) => {
      if (req.url === '/see-other') {
        res.writeHead(303, { location: '/result' });
        res.end();
      } else if (req.url === '/temporary') {
        res.writeHead(307, { location: '/result' });
        res.end();
      } else json(res, 200, { method: req.method, body: req.body });
    });
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<set-payload value="data"/>
      <http:request config-ref="up" method="POST" path="/see-other" target="a"/>
      <http:request config-ref="up" method="POST" path="/temporary" target="b"/>
      <set-payload value="#[{'a': vars.a, 'b': vars.b}]"/>`)}`,
      ),
    );
    expect((await call()).body).toEqual({ a: { method: 'GET', body: '' }, b: { method: 'POST', body: 'data' } });
  });

  it('does not carry credentials to another origin on a redirect', async () => {
    const other = await server((req, res) => json(res, 200, { auth: req.headers.authorization ?? null }));
    const up = await server((_req, res) => {
      res.writeHead(302, { location: `${other.base}/landing` });
      res.end();
    });
    app = await start(
      mule(
        `${requestConfig(up.port, { connection: '<http:authentication><http:basic-authentication username="a" password="b"/></http:authentication>' })}${flow('<http:request config-ref="up" path="/go"/>')}`,
      ),
    );
    expect((await call()).body).toEqual({ auth: null });
    expect(up.received[0]!.headers.authorization).toBeDefined();
  });

  it('stops following after 5 redirects and returns the last answer to the validator', async () => {
    const up = await server((req, res) => {
      res.writeHead(302, { location: `/hop${Number(req.url.slice(4) || 0) + 1}` });
      res.end();
    });
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<http:request config-ref="up" path="/hop0">
      <http:response-validator><http:success-status-code-validator values="200..299"/></http:response-validator></http:request>`)}`,
      ),
    );
    expect((await call()).body.type).toBe('HTTP:RESPONSE_VALIDATION');
    expect(up.received).toHaveLength(6);
  });
});
