import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A flow at /t running `steps`; a MULE:EXPRESSION error answers "EXPRESSION: <description>". */
function flow(steps: string): string {
  return mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${steps}
    <error-handler><on-error-continue type="EXPRESSION"><set-payload value="#['EXPRESSION: ' &amp; error.description]"/></on-error-continue></error-handler>
  </flow>`);
}

async function post(body: unknown): Promise<string> {
  const res = await fetch(app!.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.text();
}

const ROUTES = `<choice>
  <when expression="#[payload.x > 10]"><set-payload value="big"/></when>
  <when expression="#[payload.x > 1]"><set-payload value="medium"/></when>
  <otherwise><set-payload value="small"/></otherwise>
</choice>`;

describe('choice', () => {
  it('runs the route of the first when that is true', async () => {
    app = await start(flow(ROUTES));
    expect(await post({ x: 5 })).toBe('medium');
  });

  it('runs only the first true when, though later ones are true too', async () => {
    app = await start(flow(ROUTES));
    expect(await post({ x: 50 })).toBe('big');
  });

  it('routes to otherwise when no when matches', async () => {
    app = await start(flow(ROUTES));
    expect(await post({ x: 0 })).toBe('small');
  });

  it('passes the event on unchanged when no when matches and there is no otherwise', async () => {
    app = await start(
      flow(`<set-variable variableName="v" value="kept"/>
      <choice><when expression="#[payload.x > 1]"><set-payload value="changed"/><set-variable variableName="v" value="changed"/></when></choice>
      <set-payload value="#[payload.x &amp; ' ' &amp; vars.v]"/>`),
    );
    expect(await post({ x: 0 })).toBe('0 kept');
  });

  it('reads a when expression written without #[...] as an expression', async () => {
    app = await start(
      flow(`<choice><when expression="payload.x > 1"><set-payload value="yes"/></when><otherwise><set-payload value="no"/></otherwise></choice>`),
    );
    expect(await post({ x: 2 })).toBe('yes');
    expect(await post({ x: 1 })).toBe('no');
  });

  it("continues the flow after the choice with the route's payload and variables", async () => {
    app = await start(
      flow(`<choice><when expression="#[true]"><set-payload value="routed"/><set-variable variableName="by" value="when"/></when></choice>
      <set-payload value="#[payload &amp; ' by ' &amp; vars.by]"/>`),
    );
    expect(await post({})).toBe('routed by when');
  });

  it('runs every step of the chosen route in order', async () => {
    app = await start(
      flow(
        `<choice><when expression="#[true]"><set-payload value="#[1]"/><set-payload value="#[payload + 1]"/><set-payload value="#[payload * 10]"/></when></choice>`,
      ),
    );
    expect(await post({})).toBe('20');
  });

  it('nests choices', async () => {
    app = await start(
      flow(`<choice>
      <when expression="#[payload.a]"><choice><when expression="#[payload.b]"><set-payload value="a and b"/></when><otherwise><set-payload value="a only"/></otherwise></choice></when>
      <otherwise><set-payload value="not a"/></otherwise></choice>`),
    );
    expect(await post({ a: true, b: false })).toBe('a only');
    expect(await post({ a: true, b: true })).toBe('a and b');
  });

  it('raises MULE:EXPRESSION when a condition is not a boolean', async () => {
    app = await start(
      flow(`<choice><when expression="#[payload.x]"><set-payload value="taken"/></when><otherwise><set-payload value="otherwise"/></otherwise></choice>`),
    );
    expect(await post({ x: 'banana' })).toMatch(/^EXPRESSION: /);
  });

  it('raises MULE:EXPRESSION when a condition fails to evaluate', async () => {
    app = await start(flow(`<choice><when expression="#[$number(payload.x) > 1]"><set-payload value="taken"/></when></choice>`));
    expect(await post({ x: 'banana' })).toMatch(/^EXPRESSION: /);
  });
});
