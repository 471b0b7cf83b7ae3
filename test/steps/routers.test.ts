import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { Upstream } from '../helpers/upstream.js';
import { json, upstream } from '../helpers/upstream.js';

let app: TestApp | undefined;
const upstreams: Upstream[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

/** A flow at /t running `steps`; an error answers {type, description, body}. */
function flow(steps: string): string {
  return `<flow name="main"><http:listener config-ref="listener" path="/t">
      <http:error-response><http:body>#[{'type': error.errorType.namespace &amp; ':' &amp; error.errorType.identifier, 'description': error.description, 'message': error.errorMessage.payload, 'children': $count(error.childErrors)}]</http:body></http:error-response>
    </http:listener>${steps}</flow>`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the tests' own flows
async function call(body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(
    app!.url('/t'),
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function server(...args: Parameters<typeof upstream>): Promise<Upstream> {
  const u = await upstream(...args);
  upstreams.push(u);
  return u;
}

const requestConfig = (port: number) => `<http:request-config name="up"><http:request-connection host="127.0.0.1" port="${port}"/></http:request-config>`;

describe('foreach', () => {
  it('runs once per element with counter and rootMessage, keeps variables, restores the payload', async () => {
    app = await start(
      mule(
        flow(`<set-variable variableName="seen" value="#[[]]"/>
      <foreach collection="#[payload.items]">
        <set-variable variableName="seen" value="#[$append(vars.seen, [payload &amp; '@' &amp; vars.counter &amp; '/' &amp; $count(vars.rootMessage.payload.items)])]"/>
      </foreach>
      <set-payload value="#[{'payload': payload, 'seen': vars.seen, 'counter': vars.counter, 'root': vars.rootMessage}]"/>`),
      ),
    );
    expect((await call({ items: ['a', 'b', 'c'] })).body).toEqual({ payload: { items: ['a', 'b', 'c'] }, seen: ['a@1/3', 'b@2/3', 'c@3/3'] });
  });

  it('splits into batches of batchSize', async () => {
    app = await start(
      mule(
        flow(`<set-variable variableName="sizes" value="#[[]]"/>
      <foreach batchSize="2"><set-variable variableName="sizes" value="#[$append(vars.sizes, $count(payload))]"/></foreach>
      <set-payload value="#[vars.sizes]"/>`),
      ),
    );
    expect((await call([1, 2, 3, 4, 5])).body).toEqual([2, 2, 1]);
  });

  it('iterates an object entry by entry and nothing at all for null', async () => {
    app = await start(
      mule(
        flow(`<set-variable variableName="keys" value="#[[]]"/>
      <foreach collection="#[payload.o]"><set-variable variableName="keys" value="#[$append(vars.keys, $keys(payload))]"/></foreach>
      <foreach collection="#[payload.missing]"><raise-error type="APP:NEVER"/></foreach>
      <set-payload value="#[vars.keys]"/>`),
      ),
    );
    expect((await call({ o: { x: 1, y: 2 } })).body).toEqual(['x', 'y']);
  });

  it('stops at a failing element, with the element as the payload the handler sees', async () => {
    app = await start(
      mule(`<flow name="main"><http:listener config-ref="listener" path="/t"/>
      <foreach><choice><when expression="payload = 2"><raise-error type="APP:BAD" description="two"/></when></choice></foreach>
      <error-handler><on-error-continue><set-payload value="#[{'failedOn': payload, 'counter': vars.counter}]"/></on-error-continue></error-handler></flow>`),
    );
    expect((await call([1, 2, 3])).body).toEqual({ failedOn: 2, counter: 2 });
  });
});

describe('parallel-foreach', () => {
  it("returns the routes' messages in input order, running them concurrently", async () => {
    const up = await server((req, res) => void setTimeout(() => json(res, 200, { n: Number(req.url.slice(1)) * 10 }), 300 - Number(req.url.slice(1)) * 50));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<parallel-foreach>
        <http:request config-ref="up" path="#['/' &amp; payload]"/><set-variable variableName="inside" value="x"/>
      </parallel-foreach><set-payload value="#[{'payloads': payload.payload.n, 'inside': vars.inside}]"/>`)}`,
      ),
    );
    const started = Date.now();
    expect((await call([1, 2, 3, 4])).body).toEqual({ payloads: [10, 20, 30, 40] });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('runs at most maxConcurrency routes at once', async () => {
    let running = 0;
    let peak = 0;
    const up = await server((_req, res) => {
      peak = Math.max(peak, ++running);
      setTimeout(() => {
        running--;
        json(res, 200, {});
      }, 50);
    });
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<parallel-foreach maxConcurrency="2"><http:request config-ref="up" path="/x"/></parallel-foreach><set-payload value="#[$count(payload)]"/>`)}`,
      ),
    );
    expect((await call([1, 2, 3, 4, 5, 6])).body).toBe(6);
    expect(peak).toBe(2);
  });

  it('raises MULE:COMPOSITE_ROUTING with every failure and result', async () => {
    app = await start(
      mule(
        flow(
          `<parallel-foreach><choice><when expression="payload > 1"><raise-error type="APP:BIG" description="#['too big: ' &amp; payload]"/></when></choice></parallel-foreach>`,
        ),
      ),
    );
    const { body } = await call([1, 2, 3]);
    expect(body.type).toBe('MULE:COMPOSITE_ROUTING');
    expect(body.children).toBe(2);
    expect(Object.keys(body.message.results)).toEqual(['0']);
    expect(body.message.failures['1'].description).toBe('too big: 2');
    expect(body.description).toContain('Route 2: APP:BIG: too big: 3');
  });
});

describe('scatter-gather', () => {
  it('runs routes concurrently and keys the results by route', async () => {
    const up = await server((req, res) => void setTimeout(() => json(res, 200, { from: req.url }), 300));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<scatter-gather>
        <route><http:request config-ref="up" path="/a"/></route>
        <route><http:request config-ref="up" path="/b"/></route>
      </scatter-gather><set-payload value="#[{'a': payload.\`0\`.payload.from, 'b': payload.\`1\`.payload.from, 'status': payload.\`1\`.attributes.statusCode}]"/>`)}`,
      ),
    );
    const started = Date.now();
    expect((await call()).body).toEqual({ a: '/a', b: '/b', status: 200 });
    expect(Date.now() - started).toBeLessThan(550);
  });

  it("merges variables: one route's change stays, several routes' changes become a list", async () => {
    app = await start(
      mule(
        flow(`<set-variable variableName="shared" value="initial"/><set-variable variableName="kept" value="k"/>
      <scatter-gather>
        <route><set-variable variableName="shared" value="one"/><set-variable variableName="only" value="first"/></route>
        <route><set-variable variableName="shared" value="two"/></route>
      </scatter-gather><set-payload value="#[{'shared': vars.shared, 'only': vars.only, 'kept': vars.kept}]"/>`),
      ),
    );
    expect((await call()).body).toEqual({ shared: ['one', 'two'], only: 'first', kept: 'k' });
  });

  it('raises MULE:COMPOSITE_ROUTING, a route past timeout failing with MULE:TIMEOUT', async () => {
    const up = await server((_req, res) => void setTimeout(() => json(res, 200, {}), 1500));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<scatter-gather timeout="200">
        <route><set-payload value="fast"/></route>
        <route><http:request config-ref="up" path="/slow"/></route>
      </scatter-gather>`)}`,
      ),
    );
    const started = Date.now();
    const { body } = await call();
    expect(Date.now() - started).toBeLessThan(1200);
    expect(body.type).toBe('MULE:COMPOSITE_ROUTING');
    expect(body.message.results['0'].payload).toBe('fast');
    expect(body.message.failures['1'].errorType.identifier).toBe('TIMEOUT');
  });

  it('needs two routes', async () => {
    const { load } = await import('../helpers/app.js');
    const loaded = await load({ 'flows/app.xml': mule(flow('<scatter-gather><route><logger/></route></scatter-gather>')) });
    expect(loaded.diagnostics.map((d) => d.message)).toContain('a scatter-gather needs at least two routes');
  });
});

describe('until-successful', () => {
  it('retries until the processors succeed, from the event as it entered', async () => {
    let calls = 0;
    const up = await server((_req, res) => (++calls < 3 ? json(res, 503, {}) : json(res, 200, { calls })));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<set-variable variableName="v" value="0"/>
      <until-successful maxRetries="5" millisBetweenRetries="50">
        <set-variable variableName="v" value="#[$number(vars.v) + 1]"/>
        <http:request config-ref="up" path="/flaky"/>
      </until-successful><set-payload value="#[{'upstream': payload.calls, 'v': vars.v}]"/>`)}`,
      ),
    );
    const started = Date.now();
    expect((await call()).body).toEqual({ upstream: 3, v: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(up.received).toHaveLength(3);
  });

  it('raises MULE:RETRY_EXHAUSTED after maxRetries, with the last error as child', async () => {
    const up = await server((_req, res) => json(res, 503, {}));
    app = await start(
      mule(
        `${requestConfig(up.port)}${flow(`<until-successful maxRetries="2" millisBetweenRetries="30"><http:request config-ref="up" path="/down"/></until-successful>`)}`,
      ),
    );
    const { body } = await call();
    expect(body.type).toBe('MULE:RETRY_EXHAUSTED');
    expect(body.description).toContain("'until-successful' retries exhausted");
    expect(body.description).toContain('HTTP:SERVICE_UNAVAILABLE');
    expect(body.children).toBe(1);
    expect(up.received).toHaveLength(3);
  });
});

describe('first-successful and round-robin', () => {
  it('first-successful takes the first route that does not fail', async () => {
    app = await start(
      mule(
        flow(`<first-successful>
        <route><raise-error type="APP:ONE"/></route>
        <route><set-payload value="second"/></route>
        <route><set-payload value="third"/></route>
      </first-successful>`),
      ),
    );
    expect((await fetch(app.url('/t'))).status).toBe(200);
    expect(await (await fetch(app.url('/t'))).text()).toBe('second');
  });

  it('first-successful raises MULE:ROUTING when every route fails', async () => {
    app = await start(
      mule(
        flow(
          `<first-successful><route><raise-error type="APP:ONE" description="a"/></route><route><raise-error type="APP:TWO" description="b"/></route></first-successful>`,
        ),
      ),
    );
    const { body } = await call();
    expect(body.type).toBe('MULE:ROUTING');
    expect(body.children).toBe(2);
    expect(body.description).toContain('Route 1: APP:TWO: b');
  });

  it('round-robin sends each event to the next route in turn', async () => {
    app = await start(
      mule(
        flow(
          `<round-robin><route><set-payload value="a"/></route><route><set-payload value="b"/></route><route><set-payload value="c"/></route></round-robin>`,
        ),
      ),
    );
    const got: string[] = [];
    for (let i = 0; i < 4; i++) got.push(await (await fetch(app.url('/t'))).text());
    expect(got).toEqual(['a', 'b', 'c', 'a']);
  });
});
