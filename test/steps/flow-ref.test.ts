import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A flow "main" at /t running `steps`, followed by the other flows in `rest`. */
function main(steps: string, rest: string): string {
  return mule(`<flow name="main"><http:listener config-ref="listener" path="/t"/>${steps}</flow>\n${rest}`);
}

async function get(path = '/t'): Promise<string> {
  return (await fetch(app!.url(path))).text();
}

describe('flow-ref', () => {
  it('runs a sub-flow on the event and continues with its result', async () => {
    app = await start(
      main(
        `<set-payload value="#[2]"/><flow-ref name="double"/><set-payload value="#[payload + 1]"/>`,
        `<sub-flow name="double"><set-payload value="#[payload * 2]"/></sub-flow>`,
      ),
    );
    expect(await get()).toBe('5');
  });

  it('runs a flow on the event and continues with its result', async () => {
    app = await start(
      main(
        `<set-payload value="in"/><flow-ref name="other"/><set-payload value="#[payload &amp; '-back']"/>`,
        `<flow name="other"><set-payload value="#[payload &amp; '-other']"/></flow>`,
      ),
    );
    expect(await get()).toBe('in-other-back');
  });

  it("sees the caller's variables and attributes in the called flow", async () => {
    app = await start(
      main(
        `<set-variable variableName="who" value="caller"/><flow-ref name="child"/>`,
        `<sub-flow name="child"><set-payload value="#[vars.who &amp; ' ' &amp; attributes.queryParams.q]"/></sub-flow>`,
      ),
    );
    expect(await get('/t?q=query')).toBe('caller query');
  });

  it('makes variables set in the called flow visible afterwards', async () => {
    app = await start(
      main(
        `<flow-ref name="sets"/><flow-ref name="sub-sets"/><set-payload value="#[vars.fromFlow &amp; ' ' &amp; vars.fromSub]"/>`,
        `<flow name="sets"><set-variable variableName="fromFlow" value="flow"/></flow>
       <sub-flow name="sub-sets"><set-variable variableName="fromSub" value="sub"/></sub-flow>`,
      ),
    );
    expect(await get()).toBe('flow sub');
  });

  it('makes variables removed in the called flow disappear afterwards', async () => {
    app = await start(
      main(
        `<set-variable variableName="gone" value="x"/><flow-ref name="removes"/><set-payload value="#[$string($exists(vars.gone))]"/>`,
        `<sub-flow name="removes"><remove-variable variableName="gone"/></sub-flow>`,
      ),
    );
    expect(await get()).toBe('false');
  });

  it('resolves a #[...] name per event', async () => {
    app = await start(
      main(
        `<flow-ref name="#['handle-' &amp; attributes.queryParams.kind]"/>`,
        `<sub-flow name="handle-a"><set-payload value="A"/></sub-flow><sub-flow name="handle-b"><set-payload value="B"/></sub-flow>`,
      ),
    );
    expect(await get('/t?kind=a')).toBe('A');
    expect(await get('/t?kind=b')).toBe('B');
  });

  it('puts the result in the target variable and keeps the payload', async () => {
    app = await start(
      main(
        `<set-payload value="original"/><flow-ref name="lookup" target="found"/><set-payload value="#[payload &amp; ' ' &amp; vars.found.name]"/>`,
        `<sub-flow name="lookup"><set-payload value="#[{'name': 'Ada'}]"/></sub-flow>`,
      ),
    );
    expect(await get()).toBe('original Ada');
  });

  it("evaluates targetValue over the called flow's result", async () => {
    app = await start(
      main(
        `<set-payload value="original"/><flow-ref name="lookup" target="name" targetValue="#[payload.name]"/><set-payload value="#[payload &amp; ' ' &amp; vars.name]"/>`,
        `<flow name="lookup"><set-payload value="#[{'name': 'Grace'}]"/></flow>`,
      ),
    );
    expect(await get()).toBe('original Grace');
  });

  it('reads a targetValue written without #[...] as an expression', async () => {
    app = await start(
      main(
        `<flow-ref name="lookup" target="n" targetValue="payload.n + 1"/><set-payload value="#[vars.n]"/>`,
        `<sub-flow name="lookup"><set-payload value="#[{'n': 41}]"/></sub-flow>`,
      ),
    );
    expect(await get()).toBe('42');
  });

  it('calls flows that call flows', async () => {
    app = await start(
      main(
        `<set-payload value="#[[]]"/><flow-ref name="a"/>`,
        `<flow name="a"><set-payload value="#[$append(payload, 'a')]"/><flow-ref name="b"/></flow>
       <sub-flow name="b"><set-payload value="#[$append(payload, 'b')]"/><flow-ref name="c"/></sub-flow>
       <flow name="c"><set-payload value="#[$append(payload, 'c')]"/></flow>`,
      ),
    );
    expect(await get()).toBe('["a","b","c"]');
  });

  it('returns normally to the caller when the called flow handles its error with on-error-continue', async () => {
    app = await start(
      main(
        `<flow-ref name="fails"/><set-payload value="#['caller continued with ' &amp; payload]"/>`,
        `<flow name="fails"><raise-error type="APP:X" description="x"/>
         <error-handler><on-error-continue><set-payload value="fallback"/></on-error-continue></error-handler></flow>`,
      ),
    );
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('caller continued with fallback');
  });

  it("hands an error the called flow propagates to the caller's error handler", async () => {
    app = await start(
      mule(`<flow name="main"><http:listener config-ref="listener" path="/t"/>
        <flow-ref name="fails"/><set-payload value="not reached"/>
        <error-handler><on-error-continue type="APP:X"><set-payload value="#['caller handled ' &amp; error.description]"/></on-error-continue></error-handler>
      </flow>
      <flow name="fails"><raise-error type="APP:X" description="x"/>
        <error-handler><on-error-propagate><logger message="propagating"/></on-error-propagate></error-handler></flow>`),
    );
    expect(await get()).toBe('caller handled x');
    expect(app.logs.some((l) => l.msg === 'propagating')).toBe(true);
  });

  it("hands an error of a sub-flow to the caller's error handler", async () => {
    app = await start(
      mule(`<flow name="main"><http:listener config-ref="listener" path="/t"/>
        <flow-ref name="fails"/>
        <error-handler><on-error-continue type="APP:SUB"><set-payload value="#[error.description]"/></on-error-continue></error-handler>
      </flow>
      <sub-flow name="fails"><raise-error type="APP:SUB" description="from sub-flow"/></sub-flow>`),
    );
    expect(await get()).toBe('from sub-flow');
  });
});
