import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function flow(steps: string): string {
  return mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${steps}</flow>`);
}

describe('set-variable', () => {
  it('stores a literal value that later steps read as vars.name', async () => {
    app = await start(flow(`<set-variable variableName="greeting" value="hello"/><set-payload value="#[vars.greeting &amp; ' world']"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('hello world');
  });

  it('evaluates a #[...] value over the event', async () => {
    app = await start(flow(`<set-variable variableName="id" value="#[attributes.queryParams.id]"/><set-payload value="#[{'id': vars.id}]"/>`));
    expect(await (await fetch(app.url('/t?id=42'))).json()).toEqual({ id: '42' });
  });

  it('reads a value with an embedded #[...] as a literal', async () => {
    app = await start(flow(`<set-variable variableName="v" value="id is #[1 + 1]"/><set-payload value="#[vars.v]"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('id is #[1 + 1]');
  });

  it('keeps the payload as it was', async () => {
    app = await start(flow(`<set-payload value="original"/><set-variable variableName="v" value="other"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('original');
  });

  it('overwrites a variable of the same name', async () => {
    app = await start(
      flow(`<set-variable variableName="n" value="#[1]"/><set-variable variableName="n" value="#[vars.n + 1]"/><set-payload value="#[vars.n]"/>`),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('2');
  });

  it('stores structures as they are', async () => {
    app = await start(flow(`<set-variable variableName="order" value="#[payload]"/><set-payload value="#[vars.order.lines[1].sku]"/>`));
    const res = await fetch(app.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines":[{"sku":"a"},{"sku":"b"}]}' });
    expect(await res.text()).toBe('b');
  });

  it('reads a literal declared as JSON as the structure it encodes', async () => {
    app = await start(
      flow(`<set-variable variableName="cfg" value='{"retries": 3}' mimeType="application/json"/><set-payload value="#[vars.cfg.retries * 2]"/>`),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('6');
  });

  it("keeps variables per event: one request never sees another's", async () => {
    app = await start(flow(`<set-payload value="#[$string(vars.seen)]"/><set-variable variableName="seen" value="yes"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('');
    expect(await (await fetch(app.url('/t'))).text()).toBe('');
  });
});
