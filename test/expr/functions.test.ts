import { afterEach, describe, expect, it } from 'vitest';
import { HTTP, MULE } from '../../src/errors/catalog/index.js';
import type { ErrorType } from '../../src/errors/error-type.js';
import { FlowError } from '../../src/errors/flow-error.js';
import { compileExpression } from '../../src/expr/compile.js';
import { createLibrary } from '../../src/expr/functions.js';
import { FlowEvent } from '../../src/runtime/event.js';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

const properties: Record<string, string> = { 'a.b': 'x', 'http.port': '8081' };
const library = createLibrary({ property: (name) => properties[name] });
const at = { file: 'test', line: 1, col: 1 };
const event = FlowEvent.create({ payload: { zero: 0, no: false, empty: '', nothing: null }, attributes: undefined });

async function evaluate(source: string, on: FlowEvent = event): Promise<unknown> {
  const compiled = compileExpression(source, at, { library });
  if ('code' in compiled) throw new Error(compiled.message);
  return compiled.evaluate(on);
}

const failedWith = (type: ErrorType): FlowEvent => event.with({ error: new FlowError(type, 'failed') });

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('$p', () => {
  it('reads a property by its dotted name', async () => {
    expect(await evaluate(`$p('a.b')`)).toBe('x');
  });

  it('gives null for a property that is not defined', async () => {
    expect(await evaluate(`$p('no.such.key')`)).toBeNull();
  });

  it('reads properties passed to the app', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/p"/><set-payload value="#[$p('greeting.text') &amp; '!']"/></flow>`), {
      props: { 'greeting.text': 'hi' },
    });
    expect(await (await fetch(app.url('/p'))).text()).toBe('hi!');
  });
});

describe('$default', () => {
  it('gives the fallback for null and for a missing value alike', async () => {
    expect(await evaluate(`$default(payload.nothing, 'f')`)).toBe('f');
    expect(await evaluate(`$default(payload.missing, 'f')`)).toBe('f');
    expect(await evaluate(`$default(null, 'f')`)).toBe('f');
  });

  it('keeps falsy values that are present', async () => {
    expect(await evaluate(`$default(payload.zero, 5)`)).toBe(0);
    expect(await evaluate(`$default(payload.no, true)`)).toBe(false);
    expect(await evaluate(`$default(payload.empty, 'f')`)).toBe('');
  });

  it('gives a structure fallback as it is', async () => {
    expect(await evaluate(`$default(vars.list, [])`)).toEqual([]);
  });
});

describe('$uuid', () => {
  it('gives a new random UUID each call', async () => {
    const [a, b] = (await evaluate(`[$uuid(), $uuid()]`)) as string[];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
  });
});

describe('$causedBy', () => {
  it("matches the error's own type", async () => {
    expect(await evaluate(`$causedBy(error, 'HTTP:NOT_FOUND')`, failedWith(HTTP.NOT_FOUND))).toBe(true);
  });

  it("matches every ancestor of the error's type", async () => {
    const notFound = failedWith(HTTP.NOT_FOUND);
    expect(await evaluate(`$causedBy(error, 'HTTP:RESPONSE_VALIDATION')`, notFound)).toBe(true);
    expect(await evaluate(`$causedBy(error, 'ANY')`, notFound)).toBe(true);
    expect(await evaluate(`$causedBy(error, 'MULE:ANY')`, notFound)).toBe(true);
  });

  it('follows the hierarchy across namespaces: HTTP:UNAUTHORIZED is a MULE:SECURITY error', async () => {
    const unauthorized = failedWith(HTTP.UNAUTHORIZED);
    expect(await evaluate(`$causedBy(error, 'MULE:SECURITY')`, unauthorized)).toBe(true);
    expect(await evaluate(`$causedBy(error, 'MULE:CLIENT_SECURITY')`, unauthorized)).toBe(true);
    expect(await evaluate(`$causedBy(error, 'MULE:SERVER_SECURITY')`, unauthorized)).toBe(false);
  });

  it('reads a type without namespace as a MULE type', async () => {
    expect(await evaluate(`$causedBy(error, 'SECURITY')`, failedWith(MULE.NOT_PERMITTED))).toBe(true);
    expect(await evaluate(`$causedBy(error, 'CONNECTIVITY')`, failedWith(MULE.NOT_PERMITTED))).toBe(false);
  });

  it('does not match siblings or descendants', async () => {
    expect(await evaluate(`$causedBy(error, 'HTTP:UNAUTHORIZED')`, failedWith(HTTP.NOT_FOUND))).toBe(false);
    expect(await evaluate(`$causedBy(error, 'HTTP:NOT_FOUND')`, failedWith(HTTP.RESPONSE_VALIDATION))).toBe(false);
  });

  it('is false when there is no error', async () => {
    expect(await evaluate(`$causedBy(error, 'ANY')`)).toBe(false);
  });

  it("selects an on-error by a raised type's ancestry", async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/c"/>
        <raise-error type="MULE:CLIENT_SECURITY" description="denied"/>
        <error-handler>
          <on-error-continue when="#[$causedBy(error, 'MULE:CONNECTIVITY')]"><set-payload value="connectivity"/></on-error-continue>
          <on-error-continue when="#[$causedBy(error, 'MULE:SECURITY')]"><set-payload value="security"/></on-error-continue>
        </error-handler></flow>`),
    );
    expect(await (await fetch(app.url('/c'))).text()).toBe('security');
  });

  it('matches a custom type and ANY for a custom type', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/c"/>
        <raise-error type="APP:OOPS"/>
        <error-handler><on-error-continue>
          <set-payload value="#[[$causedBy(error, 'APP:OOPS'), $causedBy(error, 'ANY'), $causedBy(error, 'APP:OTHER')]]"/>
        </on-error-continue></error-handler></flow>`),
    );
    expect(await (await fetch(app.url('/c'))).json()).toEqual([true, true, false]);
  });
});
