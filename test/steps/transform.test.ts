import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';
import type { StartOptions } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function run(steps: string, body?: unknown, options?: StartOptions): Promise<Response> {
  app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${steps}</flow>`), options);
  return fetch(app.url('/t'), body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('ee:transform', () => {
  it('sets the payload from an inline script, answered as JSON', async () => {
    const res = await run(
      `<ee:transform><ee:message><ee:set-payload><![CDATA[{ "total": $sum(payload.lines.(qty * price)), "count": $count(payload.lines) }]]></ee:set-payload></ee:message></ee:transform>`,
      {
        lines: [
          { qty: 2, price: 3 },
          { qty: 1, price: 4 },
        ],
      },
    );
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ total: 10, count: 2 });
  });

  it('reads a script that uses XML-special characters inside CDATA', async () => {
    const res = await run(
      `<ee:transform><ee:message><ee:set-payload><![CDATA[payload.n < 3 and payload.n > 0 ? "small" : "other"]]></ee:set-payload></ee:message></ee:transform>`,
      { n: 1 },
    );
    expect(await res.text()).toBe('small');
  });

  it('answers a string result as text', async () => {
    const res = await run(`<ee:transform><ee:message><ee:set-payload>"Hello " &amp; payload.name</ee:set-payload></ee:message></ee:transform>`, {
      name: 'Ada',
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Hello Ada');
  });

  it('sets variables from ee:variables', async () => {
    const res = await run(
      `<ee:transform><ee:variables>
         <ee:set-variable variableName="id"><![CDATA[payload.id]]></ee:set-variable>
         <ee:set-variable variableName="upper"><![CDATA[$uppercase(payload.name)]]></ee:set-variable>
       </ee:variables></ee:transform>
       <set-payload value="#[vars]"/>`,
      { id: 7, name: 'ada' },
    );
    expect(await res.json()).toEqual({ id: 7, upper: 'ADA' });
  });

  it('keeps the payload and its media type when it sets only variables', async () => {
    const res = await run(`<ee:transform><ee:variables><ee:set-variable variableName="v">payload.a</ee:set-variable></ee:variables></ee:transform>`, { a: 1 });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('gives every script the event as it entered the transform', async () => {
    const res = await run(
      `<set-variable variableName="n" value="#[1]"/>
       <ee:transform>
         <ee:message><ee:set-payload>{ "n": payload.n + 100, "var": vars.n }</ee:set-payload></ee:message>
         <ee:variables>
           <ee:set-variable variableName="n">vars.n + 1</ee:set-variable>
           <ee:set-variable variableName="seen">payload.n</ee:set-variable>
         </ee:variables>
       </ee:transform>
       <set-payload value="#[{'payload': payload, 'n': vars.n, 'seen': vars.seen}]"/>`,
      { n: 5 },
    );
    expect(await res.json()).toEqual({ payload: { n: 105, var: 1 }, n: 2, seen: 5 });
  });

  it('replaces the attributes with ee:set-attributes', async () => {
    const res = await run(
      `<ee:transform><ee:message>
         <ee:set-attributes>{ "source": attributes.method }</ee:set-attributes>
       </ee:message></ee:transform>
       <set-payload value="#[{'attributes': attributes, 'payload': payload}]"/>`,
      { kept: true },
    );
    expect(await res.json()).toEqual({ attributes: { source: 'POST' }, payload: { kept: true } });
  });

  it('reads a script from the file its resource attribute names', async () => {
    const res = await run(
      `<ee:transform><ee:message><ee:set-payload resource="total.jsonata"/></ee:message></ee:transform>`,
      { lines: [1, 2, 3] },
      { extraFiles: { 'total.jsonata': '{ "total": $sum(payload.lines) }\n' } },
    );
    expect(await res.json()).toEqual({ total: 6 });
  });

  it("reads a resource from src/main/resources, as Mule's classpath", async () => {
    const res = await run(
      `<ee:transform><ee:variables><ee:set-variable variableName="x" resource="scripts/double.jsonata"/></ee:variables></ee:transform><set-payload value="#[vars.x]"/>`,
      { n: 21 },
      { extraFiles: { 'src/main/resources/scripts/double.jsonata': 'payload.n * 2' } },
    );
    expect(await res.text()).toBe('42');
  });

  it('sees functions and properties in scripts', async () => {
    const res = await run(
      `<ee:transform><ee:message><ee:set-payload>{ "env": $p('app.env'), "name": $default(payload.name, "anonymous") }</ee:set-payload></ee:message></ee:transform>`,
      {},
      {
        props: { 'app.env': 'test' },
      },
    );
    expect(await res.json()).toEqual({ env: 'test', name: 'anonymous' });
  });

  it('raises MULE:EXPRESSION when a script fails', async () => {
    const res = await run(
      `<ee:transform><ee:message><ee:set-payload>$number(payload.n)</ee:set-payload></ee:message></ee:transform>
       <error-handler><on-error-continue type="EXPRESSION"><set-payload value="expression failed"/></on-error-continue></error-handler>`,
      { n: 'not a number' },
    );
    expect(await res.text()).toBe('expression failed');
  });
});
