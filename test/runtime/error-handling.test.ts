import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** A flow at /t (listener children in `listener`) running `steps`, with `handlers` as its error-handler. */
function flow(steps: string, handlers: string, listener = ''): string {
  return `<flow name="main"><http:listener config-ref="listener" path="/t">${listener}</http:listener>${steps}
    <error-handler>${handlers}</error-handler></flow>`;
}

/** Raises APP:A, APP:B … per `?raise=` so that handlers can name every one of them. */
const RAISE_BY_QUERY = `<choice>
  <when expression="#[attributes.queryParams.raise = 'A']"><raise-error type="APP:A" description="a"/></when>
  <when expression="#[attributes.queryParams.raise = 'B']"><raise-error type="APP:B" description="b"/></when>
  <otherwise><raise-error type="APP:C" description="c"/></otherwise>
</choice>`;

async function get(path = '/t'): Promise<{ status: number; body: string }> {
  const res = await fetch(app!.url(path));
  return { status: res.status, body: await res.text() };
}

describe('the error in expressions', () => {
  it('exposes description, errorType.namespace and errorType.identifier', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:OUT_OF_STOCK" description="sku 9 is out of stock"/>`,
          `<on-error-continue><set-payload value="#[{'description': error.description, 'namespace': error.errorType.namespace, 'identifier': error.errorType.identifier}]"/></on-error-continue>`,
        ),
      ),
    );
    const res = await fetch(app.url('/t'));
    expect(await res.json()).toEqual({ description: 'sku 9 is out of stock', namespace: 'APP', identifier: 'OUT_OF_STOCK' });
  });

  it('exposes the parent of a core type', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="MULE:NOT_PERMITTED" description="no"/>`,
          `<on-error-continue><set-payload value="#[error.errorType.parentErrorType.identifier]"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('SERVER_SECURITY');
  });
});

describe('choosing an on-error', () => {
  it('tries on-errors in document order: the first that matches runs', async () => {
    app = await start(
      mule(
        flow(
          RAISE_BY_QUERY,
          `
      <on-error-continue type="APP:A"><set-payload value="first"/></on-error-continue>
      <on-error-continue type="APP:A, APP:B"><set-payload value="second"/></on-error-continue>
      <on-error-continue type="APP:A"><set-payload value="third"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get('/t?raise=A')).body).toBe('first');
    expect((await get('/t?raise=B')).body).toBe('second');
  });

  it('accepts type="ANY" on an on-error that is not the last, and matches every error with it', async () => {
    app = await start(
      mule(
        flow(
          RAISE_BY_QUERY,
          `
      <on-error-continue type="ANY"><set-payload value="any"/></on-error-continue>
      <on-error-continue><set-payload value="never"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get('/t?raise=A')).body).toBe('any');
    expect((await get('/t?raise=C')).body).toBe('any');
  });

  it('matches any type of a comma-separated list', async () => {
    app = await start(
      mule(
        flow(
          RAISE_BY_QUERY,
          `
      <on-error-continue type="APP:A, APP:B"><set-payload value="a or b"/></on-error-continue>
      <on-error-continue><set-payload value="other"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get('/t?raise=A')).body).toBe('a or b');
    expect((await get('/t?raise=B')).body).toBe('a or b');
    expect((await get('/t?raise=C')).body).toBe('other');
  });

  it('matches an error whose type descends from a listed type', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="MULE:COMPOSITE_ROUTING" description="x"/>`,
          `
      <on-error-continue type="MULE:SECURITY"><set-payload value="security"/></on-error-continue>
      <on-error-continue type="ROUTING"><set-payload value="routing"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('routing');
  });

  it('does not match an error of a parent type', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="MULE:SECURITY" description="x"/>`,
          `
      <on-error-continue type="MULE:CLIENT_SECURITY"><set-payload value="child type"/></on-error-continue>
      <on-error-continue type="MULE:SECURITY"><set-payload value="own type"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('own type');
  });

  it('reads an on-error without type as ANY', async () => {
    app = await start(mule(flow(`<raise-error type="APP:WHATEVER" description="x"/>`, `<on-error-continue><set-payload value="caught"/></on-error-continue>`)));
    expect((await get()).body).toBe('caught');
  });

  it('runs an on-error only when its when condition is true', async () => {
    app = await start(
      mule(
        flow(
          `<set-variable variableName="retry" value="#[attributes.queryParams.retry = 'yes']"/><raise-error type="APP:X" description="x"/>`,
          `
      <on-error-continue when="#[vars.retry]"><set-payload value="will retry"/></on-error-continue>
      <on-error-continue><set-payload value="gives up"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get('/t?retry=yes')).body).toBe('will retry');
    expect((await get('/t?retry=no')).body).toBe('gives up');
  });

  it('reads when as an expression even without #[...]', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:X" description="special"/>`,
          `
      <on-error-continue when="error.description = 'special'"><set-payload value="special case"/></on-error-continue>
      <on-error-continue><set-payload value="general case"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('special case');
  });

  it('needs both type and when to match', async () => {
    app = await start(
      mule(
        flow(
          RAISE_BY_QUERY,
          `
      <on-error-continue type="APP:A" when="#[attributes.queryParams.v = '1']"><set-payload value="A and v1"/></on-error-continue>
      <on-error-continue type="APP:B" when="#[true]"><set-payload value="B"/></on-error-continue>
      <on-error-continue><set-payload value="fallback"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get('/t?raise=A&v=1')).body).toBe('A and v1');
    expect((await get('/t?raise=A&v=2')).body).toBe('fallback');
    expect((await get('/t?raise=C&v=1')).body).toBe('fallback');
  });

  it('propagates the error when no on-error matches', async () => {
    app = await start(mule(flow(RAISE_BY_QUERY, `<on-error-continue type="APP:A"><set-payload value="handled"/></on-error-continue>`)));
    expect(await get('/t?raise=B')).toEqual({ status: 500, body: 'b' });
  });

  it('handles a failed expression as MULE:EXPRESSION', async () => {
    app = await start(
      mule(
        flow(
          `<set-payload value="#[$number('NaN?')]"/>`,
          `
      <on-error-continue type="MULE:ROUTING"><set-payload value="routing"/></on-error-continue>
      <on-error-continue type="EXPRESSION"><set-payload value="expression"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('expression');
  });
});

describe('on-error-continue', () => {
  it("ends the flow normally: the listener answers 200 with the handler's result", async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:X" description="x"/><set-payload value="not reached"/>`,
          `<on-error-continue><set-payload value="#[{'recovered': true}]"/></on-error-continue>`,
        ),
      ),
    );
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ recovered: true });
  });

  it("answers with http:response, evaluated over the handler's event", async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:X" description="x"/>`,
          `<on-error-continue><set-variable variableName="code" value="#[202]"/><set-payload value="accepted anyway"/></on-error-continue>`,
          `<http:response statusCode="#[vars.code]"/><http:error-response statusCode="503"/>`,
        ),
      ),
    );
    expect(await get()).toEqual({ status: 202, body: 'accepted anyway' });
  });

  it('starts from the payload and variables as they were when the error happened', async () => {
    app = await start(
      mule(
        flow(
          `<set-payload value="before"/><set-variable variableName="step" value="two"/><raise-error type="APP:X" description="x"/><set-variable variableName="step" value="three"/>`,
          `<on-error-continue><set-payload value="#[payload &amp; ' at step ' &amp; vars.step]"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('before at step two');
  });

  it('sees variables set inside a route before the step that failed there', async () => {
    app = await start(
      mule(
        flow(
          `<choice><when expression="#[true]"><set-variable variableName="route" value="when"/><raise-error type="APP:X" description="x"/></when></choice>`,
          `<on-error-continue><set-payload value="#['failed in ' &amp; vars.route]"/></on-error-continue>`,
        ),
      ),
    );
    expect((await get()).body).toBe('failed in when');
  });

  it('sees variables a called flow or sub-flow set before it failed', async () => {
    app = await start(
      mule(`
      <flow name="main"><http:listener config-ref="listener" path="/t"/>
        <choice>
          <when expression="#[attributes.queryParams.via = 'sub']"><flow-ref name="sub"/></when>
          <otherwise><flow-ref name="child"/></otherwise>
        </choice>
        <error-handler><on-error-continue><set-payload value="#[vars.progress]"/></on-error-continue></error-handler>
      </flow>
      <sub-flow name="sub"><set-variable variableName="progress" value="sub got this far"/><raise-error type="APP:X" description="x"/></sub-flow>
      <flow name="child"><set-variable variableName="progress" value="flow got this far"/><raise-error type="APP:X" description="x"/></flow>`),
    );
    expect((await get('/t?via=sub')).body).toBe('sub got this far');
    expect((await get('/t?via=flow')).body).toBe('flow got this far');
  });

  it('answers the payload at the failure when it has no steps', async () => {
    app = await start(mule(flow(`<set-payload value="as it was"/><raise-error type="APP:X" description="x"/>`, `<on-error-continue/>`)));
    expect(await get()).toEqual({ status: 200, body: 'as it was' });
  });
});

describe('on-error-propagate', () => {
  it('runs its steps, then the listener answers 500 with the error description', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:X" description="went wrong"/>`,
          `<on-error-propagate><logger message="cleaning up"/><set-payload value="handler payload"/></on-error-propagate>`,
        ),
      ),
    );
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('went wrong');
    expect(app.logs.some((l) => l.msg === 'cleaning up')).toBe(true);
  });

  it("shows the handler's variables and payload to http:error-response", async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:X" description="x"/>`,
          `<on-error-propagate><set-variable variableName="status" value="#[409]"/><set-payload value="#[{'conflict': error.description}]"/></on-error-propagate>`,
          `<http:error-response statusCode="#[vars.status]"><http:body>#[payload]</http:body><http:headers>#[{'X-Status': vars.status}]</http:headers></http:error-response>`,
        ),
      ),
    );
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(409);
    expect(res.headers.get('x-status')).toBe('409');
    expect(await res.json()).toEqual({ conflict: 'x' });
  });

  it('shows variables set before the failing step to http:error-response', async () => {
    app = await start(
      mule(
        flow(
          `<set-variable variableName="status" value="#[422]"/><raise-error type="APP:X" description="invalid"/>`,
          `<on-error-propagate/>`,
          `<http:error-response statusCode="#[vars.status]"/>`,
        ),
      ),
    );
    expect(await get()).toEqual({ status: 422, body: 'invalid' });
  });

  it("passes the error of a called flow to the caller's handlers", async () => {
    app = await start(
      mule(`
      <flow name="main"><http:listener config-ref="listener" path="/t"/>
        <flow-ref name="child"/>
        <error-handler><on-error-continue type="APP:CHILD"><set-payload value="#['caller got ' &amp; error.errorType.identifier]"/></on-error-continue></error-handler>
      </flow>
      <flow name="child"><raise-error type="APP:CHILD" description="c"/>
        <error-handler><on-error-propagate type="APP:CHILD"><logger message="child propagates"/></on-error-propagate></error-handler>
      </flow>`),
    );
    expect((await get()).body).toBe('caller got CHILD');
    expect(app.logs.some((l) => l.msg === 'child propagates')).toBe(true);
  });

  it('answers 500 when a called flow propagates and the caller does not handle it', async () => {
    app = await start(
      mule(`
      <flow name="main"><http:listener config-ref="listener" path="/t"/><flow-ref name="child"/><set-payload value="not reached"/></flow>
      <flow name="child"><raise-error type="APP:CHILD" description="child failed"/>
        <error-handler><on-error-propagate/></error-handler></flow>`),
    );
    expect(await get()).toEqual({ status: 500, body: 'child failed' });
  });
});

describe('errors raised inside an error handler', () => {
  it('propagate from an on-error-continue to the listener', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:FIRST" description="first"/>`,
          `<on-error-continue><raise-error type="APP:SECOND" description="second"/></on-error-continue>`,
        ),
      ),
    );
    expect(await get()).toEqual({ status: 500, body: 'second' });
  });

  it('propagate from an on-error-propagate as the new error', async () => {
    app = await start(
      mule(
        flow(
          `<raise-error type="APP:FIRST" description="first"/>`,
          `<on-error-propagate><raise-error type="APP:SECOND" description="second"/></on-error-propagate>`,
          `<http:error-response><http:body>#[error.errorType.identifier &amp; ': ' &amp; error.description]</http:body></http:error-response>`,
        ),
      ),
    );
    expect(await get()).toEqual({ status: 500, body: 'SECOND: second' });
  });

  it('reach the caller as the new error', async () => {
    app = await start(
      mule(`
      <flow name="main"><http:listener config-ref="listener" path="/t"/>
        <flow-ref name="child"/>
        <error-handler><on-error-continue><set-payload value="#[error.errorType.identifier &amp; ': ' &amp; error.description]"/></on-error-continue></error-handler>
      </flow>
      <flow name="child"><raise-error type="APP:FIRST" description="first"/>
        <error-handler><on-error-continue><raise-error type="APP:SECOND" description="second"/></on-error-continue></error-handler>
      </flow>`),
    );
    expect((await get()).body).toBe('SECOND: second');
  });
});

describe('global error handlers', () => {
  const GLOBAL = `<error-handler name="shared">
      <on-error-continue type="APP:KNOWN"><set-payload value="#['shared handled ' &amp; error.description]"/></on-error-continue>
      <on-error-propagate><set-variable variableName="status" value="#[503]"/></on-error-propagate>
    </error-handler>`;

  it('are used through <error-handler ref>', async () => {
    app = await start(
      mule(`${GLOBAL}
      <flow name="main"><http:listener config-ref="listener" path="/t"/>
        <raise-error type="APP:KNOWN" description="by ref"/>
        <error-handler ref="shared"/>
      </flow>`),
    );
    expect(await get()).toEqual({ status: 200, body: 'shared handled by ref' });
  });

  it('serve every flow that refers to them', async () => {
    app = await start(
      mule(`${GLOBAL}
      <flow name="one"><http:listener config-ref="listener" path="/one"/><raise-error type="APP:KNOWN" description="one"/><error-handler ref="shared"/></flow>
      <flow name="two"><http:listener config-ref="listener" path="/two"><http:error-response statusCode="#[vars.status]"/></http:listener>
        <raise-error type="APP:OTHER" description="two"/><error-handler ref="shared"/></flow>`),
    );
    expect(await get('/one')).toEqual({ status: 200, body: 'shared handled one' });
    expect(await get('/two')).toEqual({ status: 503, body: 'two' });
  });

  it('handle flows without an error-handler when named by defaultErrorHandler-ref', async () => {
    app = await start(
      mule(`<configuration defaultErrorHandler-ref="shared"/>${GLOBAL}
      <flow name="main"><http:listener config-ref="listener" path="/t"/><raise-error type="APP:KNOWN" description="by default"/></flow>`),
    );
    expect(await get()).toEqual({ status: 200, body: 'shared handled by default' });
  });

  it('handle errors of flows called by flow-ref that have no error-handler of their own', async () => {
    app = await start(
      mule(`<configuration defaultErrorHandler-ref="shared"/>${GLOBAL}
      <flow name="main"><http:listener config-ref="listener" path="/t"/><flow-ref name="child"/><set-payload value="#['main continued: ' &amp; payload]"/></flow>
      <flow name="child"><raise-error type="APP:KNOWN" description="in child"/></flow>`),
    );
    expect((await get()).body).toBe('main continued: shared handled in child');
  });

  it("do not replace a flow's own error-handler", async () => {
    app = await start(
      mule(`<configuration defaultErrorHandler-ref="shared"/>${GLOBAL}
      <flow name="main"><http:listener config-ref="listener" path="/t"/><raise-error type="APP:KNOWN" description="x"/>
        <error-handler><on-error-continue><set-payload value="own handler"/></on-error-continue></error-handler></flow>`),
    );
    expect((await get()).body).toBe('own handler');
  });
});

describe("Mule's default error handler", () => {
  it('logs an error no handler sees once, with its type and the failing element, then propagates it', async () => {
    app = await start(
      mule(`<flow name="main"><http:listener config-ref="listener" path="/t"/><flow-ref name="inner"/></flow>
      <flow name="inner"><raise-error type="APP:BOOM" description="it broke" doc:name="Break"/></flow>`),
    );
    const res = await fetch(app.url('/t'), { headers: { 'x-correlation-id': 'c-42' } });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('it broke');
    const logged = app.logs.filter((l) => l.level === 50);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'it broke', errorType: 'APP:BOOM', flow: 'inner', correlationId: 'c-42' });
    expect(String(logged[0]!.element)).toContain('"Break"');
  });
});
