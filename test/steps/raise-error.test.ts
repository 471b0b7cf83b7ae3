import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const DESCRIBE_ERROR = `<set-payload value="#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ' ' &amp; error.description]"/>`;

/** A flow at /t running `steps`, with `handlers` in its error-handler. */
function flow(steps: string, handlers = `<on-error-continue>${DESCRIBE_ERROR}</on-error-continue>`): string {
  return mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${steps}<error-handler>${handlers}</error-handler></flow>`);
}

describe('raise-error', () => {
  it('raises an error of a custom namespace with its description', async () => {
    app = await start(flow(`<raise-error type="APP:NOT_FOUND" description="no such order"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('APP:NOT_FOUND no such order');
  });

  it('evaluates a #[...] description over the event', async () => {
    app = await start(
      flow(`<set-variable variableName="id" value="17"/><raise-error type="APP:NOT_FOUND" description="#['order ' &amp; vars.id &amp; ' does not exist']"/>`),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('APP:NOT_FOUND order 17 does not exist');
  });

  it('raises a core MULE type named without its namespace', async () => {
    app = await start(flow(`<raise-error type="VALIDATION" description="bad input"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('MULE:VALIDATION bad input');
  });

  it('is handled by an on-error naming its type', async () => {
    app = await start(
      flow(
        `<choice><when expression="#[attributes.queryParams.t = 'a']"><raise-error type="APP:A"/></when></choice><raise-error type="APP:B"/>`,
        `
        <on-error-continue type="APP:A"><set-payload value="handled as A"/></on-error-continue>
        <on-error-continue type="APP:B"><set-payload value="handled as B"/></on-error-continue>`,
      ),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('handled as B');
    expect(await (await fetch(app.url('/t?t=a'))).text()).toBe('handled as A');
  });

  it('is handled by an on-error naming an ancestor of a core type', async () => {
    app = await start(
      flow(`<raise-error type="MULE:NOT_PERMITTED" description="no"/>`, `<on-error-continue type="MULE:SECURITY">${DESCRIBE_ERROR}</on-error-continue>`),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('MULE:NOT_PERMITTED no');
  });

  it('places a custom type under ANY', async () => {
    app = await start(flow(`<raise-error type="APP:ANYTHING" description="x"/>`, `<on-error-continue type="ANY">${DESCRIBE_ERROR}</on-error-continue>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('APP:ANYTHING x');
  });

  it('stops the flow: later steps do not run', async () => {
    app = await start(
      flow(
        `<raise-error type="APP:STOP" description="stop"/><logger message="after"/><set-variable variableName="after" value="yes"/>`,
        `<on-error-continue><set-payload value="#[$string($exists(vars.after))]"/></on-error-continue>`,
      ),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('false');
    expect(app.logs.some((l) => l.msg === 'after')).toBe(false);
  });

  it('answers 500 with its description when nothing handles it', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/><raise-error type="APP:UNHANDLED" description="nobody caught me"/></flow>`),
    );
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('nobody caught me');
  });
});
