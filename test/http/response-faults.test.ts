import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { mule, start } from '../helpers/app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const ERROR_RESPONSE = `<http:error-response statusCode="500"><http:body>#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ' | ' &amp; error.description]</http:body></http:error-response>`;

/** GET `path`, the query giving the response's status, reason and a header value. */
async function answer(query: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(app!.url(`/r?${new URLSearchParams(query)}`));
  return { status: res.status, text: await res.text() };
}

describe('a response the flow asks for that HTTP cannot carry', () => {
  const FLOWS = mule(`<flow name="r">
    <http:listener config-ref="listener" path="/r">
      <http:response statusCode="#[$default(attributes.queryParams.s, 200)]" reasonPhrase="#[attributes.queryParams.r]">
        <http:headers>#[{ 'x-h': attributes.queryParams.h }]</http:headers>
      </http:response>
      ${ERROR_RESPONSE}
    </http:listener>
    <set-payload value="ok"/>
  </flow>`);

  it('is MULE:SOURCE_RESPONSE_GENERATE, answered by http:error-response, for a header value above U+00FF', async () => {
    app = await start(FLOWS);
    expect(await answer({ h: 'Ā' })).toEqual({
      status: 500,
      text: 'MULE:SOURCE_RESPONSE_GENERATE | header x-h has a control character or a character above U+00FF in its value, which HTTP/1.1 cannot carry',
    });
    expect(await answer({ h: 'plain' })).toEqual({ status: 200, text: 'ok' });
  });

  it('is MULE:SOURCE_RESPONSE_GENERATE for a reasonPhrase with a line break', async () => {
    app = await start(FLOWS);
    const { status, text } = await answer({ r: 'OK\r\nSet-Cookie: x=1' });
    expect(status).toBe(500);
    expect(text).toMatch(/^MULE:SOURCE_RESPONSE_GENERATE \| reasonPhrase "OK\\r\\nSet-Cookie: x=1" has a line break/);
  });

  it('is MULE:SOURCE_RESPONSE_GENERATE for an interim 1xx status, instead of a client left waiting', async () => {
    app = await start(FLOWS);
    for (const s of ['100', '101', '103', '199']) {
      expect(await answer({ s })).toEqual({
        status: 500,
        text: `MULE:SOURCE_RESPONSE_GENERATE | statusCode ${s} is an interim (1xx) status; a flow answers with a final one (200-599)`,
      });
    }
    expect((await answer({ s: '204' })).status).toBe(204);
  });
});

describe('a deeply nested JSON body', () => {
  it('is echoed back as it came, however deep', async () => {
    app = await start(mule(`<flow name="echo"><http:listener config-ref="listener" path="/echo"/><set-payload value="#[payload]"/></flow>`));
    for (const depth of [5_000, 50_000]) {
      const body = `${'['.repeat(depth)}{"a":1}${']'.repeat(depth)}`;
      const res = await fetch(app.url('/echo'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect({ depth, status: res.status, same: (await res.text()) === body }).toEqual({ depth, status: 200, same: true });
    }
  });
});

describe('request fields named like Object.prototype members', () => {
  it('reach the flow as fields like any other, from the query and from a form', async () => {
    app = await start(
      mule(`<flow name="echo"><http:listener config-ref="listener" path="/echo"/>
      <set-payload value="#[{ 'query': attributes.queryParams, 'form': payload }]" mimeType="application/json"/></flow>`),
    );
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
    const fields = names.map((n, i) => `${n}=v${i}`).join('&');
    const res = await fetch(app.url(`/echo?${fields}`), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields });
    const expected = JSON.stringify(Object.fromEntries(names.map((n, i) => [n, `v${i}`])));
    expect(await res.text()).toBe(`{"query":${expected},"form":${expected}}`);
  });
});

describe('an expression that fails', () => {
  it("answers Mule's description, without where flowrt's files are, which goes to the log", async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/f"/><set-payload value="#[$number('x')]"/></flow>`));
    const res = await fetch(app.url('/f'));
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).toMatch(/ evaluating expression: "\$number\('x'\)"\.$/);
    expect(text).not.toMatch(/app\.xml|flowrt-test/);
    const logged = app.logs.find((l) => l.errorType === 'MULE:EXPRESSION');
    expect(String(logged?.element)).toMatch(/app\.xml:\d+:\d+/);
  });
});

describe('a request target that is no path', () => {
  it('is refused with 400 before routing', async () => {
    app = await start(mule(`<flow name="f"><http:listener config-ref="listener" path="/*"/><set-payload value="ran"/></flow>`));
    const { port } = new URL(app.url('/'));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), method: 'OPTIONS', path: '*' }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});
