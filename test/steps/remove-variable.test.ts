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

describe('remove-variable', () => {
  it('removes a variable so later steps no longer see it', async () => {
    app = await start(
      flow(`<set-variable variableName="a" value="1"/><set-variable variableName="b" value="2"/>
      <remove-variable variableName="a"/><set-payload value="#[vars]"/>`),
    );
    expect(await (await fetch(app.url('/t'))).json()).toEqual({ b: '2' });
  });

  it('reads a removed variable as missing', async () => {
    app = await start(flow(`<set-variable variableName="a" value="1"/><remove-variable variableName="a"/><set-payload value="#[$exists(vars.a)]"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('false');
  });

  it('is not an error for a variable that does not exist', async () => {
    app = await start(flow(`<remove-variable variableName="never"/><set-payload value="done"/>`));
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('done');
  });

  it('keeps the payload as it was', async () => {
    app = await start(flow(`<set-payload value="kept"/><set-variable variableName="a" value="1"/><remove-variable variableName="a"/>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('kept');
  });
});
