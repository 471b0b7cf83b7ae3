import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('set-payload', () => {
  it('sets a literal payload answered as text', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/><set-payload value="hello"/></flow>`));
    const res = await fetch(app.url('/t'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('hello');
  });

  it('evaluates a #[...] value over the request', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/><set-payload value="#[{'got': payload.n * 2}]"/></flow>`));
    const res = await fetch(app.url('/t'), { method: 'POST', body: '{"n": 21}', headers: { 'content-type': 'application/json' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ got: 42 });
  });

  it('reads a literal declared as JSON as the structure it encodes', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>
      <set-payload value='{"a": 1}' mimeType="application/json"/>
      <set-payload value="#[payload.a + 1]"/></flow>`),
    );
    expect(await (await fetch(app.url('/t'))).text()).toBe('2');
  });

  it('reads a value with an embedded #[...] as literal text', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/><set-payload value="total: #[1 + 1]"/></flow>`));
    expect(await (await fetch(app.url('/t'))).text()).toBe('total: #[1 + 1]');
  });

  it('keeps the attributes and variables', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/>
      <set-variable variableName="v" value="var"/><set-payload value="first"/><set-payload value="#[attributes.method &amp; ' ' &amp; vars.v]"/></flow>`),
    );
    expect(await (await fetch(app.url('/t'), { method: 'PUT' })).text()).toBe('PUT var');
  });

  it('answers with the media type it declares', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/><set-payload value="a,b" mimeType="text/csv"/></flow>`));
    const res = await fetch(app.url('/t'));
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toBe('a,b');
  });

  it('writes a text payload in the encoding it declares', async () => {
    app = await start(
      mule(`<flow name="f"><http:listener config-ref="listener" path="/t"/><set-payload value="Zoë" mimeType="text/plain" encoding="ISO-8859-1"/></flow>`),
    );
    const res = await fetch(app.url('/t'));
    expect(res.headers.get('content-type')).toMatch(/charset=ISO-8859-1/i);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from('Zoë', 'latin1'));
  });
});
