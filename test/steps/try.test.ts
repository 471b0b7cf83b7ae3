import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A flow at /t running `steps`; its own handler answers "flow handled <description>". */
function flow(steps: string): string {
  return mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${steps}
    <error-handler><on-error-continue><set-payload value="#['flow handled ' &amp; error.description]"/></on-error-continue></error-handler>
  </flow>`);
}

async function get(): Promise<string> {
  return (await fetch(app!.url('/t'))).text();
}

describe('try', () => {
  it('passes its result on when nothing fails', async () => {
    app = await start(flow(`<try><set-payload value="inside"/></try><set-payload value="#[payload &amp; ' then after']"/>`));
    expect(await get()).toBe('inside then after');
  });

  it('resumes after the try with the on-error-continue result', async () => {
    app = await start(
      flow(`<try>
        <raise-error type="APP:X" description="x"/>
        <set-payload value="not reached"/>
        <error-handler><on-error-continue><set-payload value="recovered"/></on-error-continue></error-handler>
      </try>
      <set-payload value="#[payload &amp; ' then after']"/>`),
    );
    expect(await get()).toBe('recovered then after');
  });

  it("passes an error its on-error-propagate handles to the flow's handler", async () => {
    app = await start(
      flow(`<try>
        <raise-error type="APP:X" description="from try"/>
        <error-handler><on-error-propagate><logger message="try saw it"/></on-error-propagate></error-handler>
      </try>
      <set-payload value="not reached"/>`),
    );
    expect(await get()).toBe('flow handled from try');
    expect(app.logs.some((l) => l.msg === 'try saw it')).toBe(true);
  });

  it("passes an error none of its handlers match to the flow's handler", async () => {
    app = await start(
      flow(`<choice><when expression="#[false]"><raise-error type="APP:OTHER"/></when></choice>
      <try>
        <raise-error type="APP:X" description="unmatched"/>
        <error-handler><on-error-continue type="APP:OTHER"><set-payload value="wrong handler"/></on-error-continue></error-handler>
      </try>`),
    );
    expect(await get()).toBe('flow handled unmatched');
  });

  it('passes the error on when it has no error-handler', async () => {
    app = await start(flow(`<try><raise-error type="APP:X" description="bare try"/></try><set-payload value="not reached"/>`));
    expect(await get()).toBe('flow handled bare try');
  });

  it("shows its handler the variables set before the failure, and keeps the handler's after it", async () => {
    app = await start(
      flow(`<try>
        <set-variable variableName="step" value="one"/>
        <raise-error type="APP:X" description="x"/>
        <error-handler><on-error-continue><set-variable variableName="handled" value="#[vars.step &amp; ' handled']"/></on-error-continue></error-handler>
      </try>
      <set-payload value="#[vars.handled]"/>`),
    );
    expect(await get()).toBe('one handled');
  });

  it('picks the on-error matching the error type', async () => {
    app = await start(
      flow(`<choice><when expression="#[false]"><raise-error type="APP:A"/></when></choice>
      <try>
        <raise-error type="APP:B" description="b"/>
        <error-handler>
          <on-error-continue type="APP:A"><set-payload value="A"/></on-error-continue>
          <on-error-continue type="APP:B"><set-payload value="B"/></on-error-continue>
        </error-handler>
      </try>`),
    );
    expect(await get()).toBe('B');
  });

  it("nests: an inner try that propagates reaches the outer try's handler", async () => {
    app = await start(
      flow(`<try>
        <try>
          <raise-error type="APP:X" description="deep"/>
          <error-handler><on-error-propagate><set-variable variableName="inner" value="yes"/></on-error-propagate></error-handler>
        </try>
        <error-handler><on-error-continue><set-payload value="#['outer caught ' &amp; error.description &amp; ', inner ran: ' &amp; vars.inner]"/></on-error-continue></error-handler>
      </try>`),
    );
    expect(await get()).toBe('outer caught deep, inner ran: yes');
  });

  it("passes an error raised inside its handler to the flow's handler", async () => {
    app = await start(
      flow(`<try>
        <raise-error type="APP:FIRST" description="first"/>
        <error-handler><on-error-continue><raise-error type="APP:SECOND" description="second"/></on-error-continue></error-handler>
      </try>`),
    );
    expect(await get()).toBe('flow handled second');
  });
});
