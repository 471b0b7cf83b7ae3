import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { load, mule, start } from '../../helpers/app.js';

/*
 * Which language an expression is in: a %dw script is DataWeave always; inline #[…] follows the
 * app (flowrt.expressions > flowrt-app.json "expressions" > Mule's layout → DataWeave, else JSONata).
 */

const flow = (expression: string) =>
  mule(`<flow name="f"><http:listener config-ref="listener" path="/f"/><set-payload value="${expression}" mimeType="application/json"/></flow>`);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function get(path = '/f', init?: RequestInit): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(app!.url(path), init);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

describe('the expression language of an app', () => {
  it('is JSONata for a flowrt app', async () => {
    app = await start({ 'flows/app.xml': flow("#[$uppercase('a') &amp; 'b']") });
    expect(await get()).toMatchObject({ status: 200, body: '"Ab"' });
  });

  it('is DataWeave for an app in Mule project layout', async () => {
    app = await start({ 'src/main/mule/app.xml': flow("#[upper('a') ++ 'b']"), 'mule-artifact.json': '{}' });
    expect(await get()).toMatchObject({ status: 200, body: '"Ab"' });
  });

  it('is what flowrt-app.json says', async () => {
    app = await start({ 'flows/app.xml': flow('#[sizeOf([1, 2, 3]) == 3]'), 'flowrt-app.json': '{"name": "x", "expressions": "dataweave"}' });
    expect(await get()).toMatchObject({ status: 200, body: 'true' });
  });

  it('is what the flowrt.expressions property says, above flowrt-app.json', async () => {
    app = await start(
      { 'flows/app.xml': flow('#[[1, 2] ++ [3]]'), 'flowrt-app.json': '{"name": "x", "expressions": "jsonata"}' },
      { props: { 'flowrt.expressions': 'dataweave' } },
    );
    expect(await get()).toMatchObject({ status: 200, body: '[1,2,3]' });
  });

  it('runs a %dw script in a JSONata app, and its output sets the media type', async () => {
    const script = `%dw 2.0
output application/xml writeDeclaration=false, indent=false
---
{ greeting @(lang: "en"): "hi" }`;
    app = await start(
      mule(
        `<flow name="f"><http:listener config-ref="listener" path="/f"/><ee:transform><ee:message><ee:set-payload><![CDATA[${script}]]></ee:set-payload></ee:message></ee:transform></flow>`,
      ),
    );
    const res = await get();
    expect(res).toMatchObject({ status: 200, body: '<greeting lang="en">hi</greeting>' });
    expect(res.type).toMatch(/^application\/xml/);
  });

  it('refuses a setting that is neither language', async () => {
    const loaded = await load({ 'flows/app.xml': flow('#[1]'), 'flowrt-app.json': '{"name": "x", "expressions": "dw"}' });
    expect(loaded.diagnostics.map((d) => d.message)).toContain('"expressions" in flowrt-app.json is "dw"; it is "jsonata" or "dataweave"');
  });
});

describe('hints across the boundary', () => {
  it('names the setting when a JSONata app holds a DataWeave expression', async () => {
    const loaded = await load({ 'flows/app.xml': flow("#[payload.name default 'x']") });
    const d = loaded.diagnostics.find((x) => x.code === 'expression-syntax');
    expect(d?.hint).toMatch(/"expressions": "dataweave" in flowrt-app.json/);
  });

  it('names the setting when a DataWeave app holds a JSONata expression', async () => {
    const loaded = await load({ 'src/main/mule/app.xml': flow("#[$uppercase(payload.name) &amp; 'x']") });
    const d = loaded.diagnostics.find((x) => x.code === 'dataweave-syntax');
    expect(d?.hint).toMatch(/"expressions": "jsonata"/);
  });

  it('names the setting for a JSONata function call in a DataWeave app', async () => {
    const loaded = await load({ 'src/main/mule/app.xml': flow('#[$uppercase(payload.name)]') });
    const d = loaded.diagnostics.find((x) => x.code === 'dataweave-compile');
    expect(d?.hint).toMatch(/"expressions": "jsonata"/);
  });
});

describe('load errors of DataWeave', () => {
  it('puts a syntax error at its file:line:col in the XML', async () => {
    const script = `%dw 2.0
output application/json
---
{ a: 1, b: }`;
    const loaded = await load({
      'flows/app.xml': mule(
        `<flow name="f"><ee:transform><ee:message><ee:set-payload><![CDATA[${script}]]></ee:set-payload></ee:message></ee:transform></flow>`,
        {
          listener: false,
        },
      ),
    });
    const d = loaded.diagnostics.find((x) => x.code === 'dataweave-syntax');
    expect(d).toBeDefined();
    // The CDATA starts on line 4 of the file; the script's 4th line is line 7.
    expect(d!.loc).toMatchObject({ file: expect.stringMatching(/app\.xml$/), line: 7 });
  });

  it('names an unknown function with a did-you-mean', async () => {
    const loaded = await load({ 'src/main/mule/app.xml': flow('#[sizeof(payload)]') });
    const d = loaded.diagnostics.find((x) => x.code === 'dataweave-compile');
    expect(d?.message).toMatch(/sizeof/);
    expect(d?.hint).toMatch(/sizeOf/);
  });
});

describe('run-time errors of DataWeave', () => {
  it('are MULE:EXPRESSION in DataWeave words', async () => {
    app = await start(
      mule(
        `<flow name="f"><http:listener config-ref="listener" path="/f"><http:error-response statusCode="500"><http:body>#[error.errorType.namespace ++ ':' ++ error.errorType.identifier ++ ' ' ++ error.description]</http:body></http:error-response></http:listener>
        <set-payload value="#[upper({a: 1})]"/></flow>`,
      ),
      { extraFiles: { 'mule-artifact.json': '{}' } },
    );
    const res = await get();
    expect(res.status).toBe(500);
    expect(res.body).toMatch(/^MULE:EXPRESSION /);
    expect(res.body).toMatch(/You called the function 'upper' with these arguments:/);
  });
});

describe("the app's own DataWeave modules", () => {
  const script = (imports: string) =>
    mule(
      `<flow name="f"><http:listener config-ref="listener" path="/f"/><ee:transform><ee:message><ee:set-payload><![CDATA[%dw 2.0
${imports}
output application/json
---
{ total: Money::round2(10 / 3), code: Money::currency }]]></ee:set-payload></ee:message></ee:transform></flow>`,
    );

  it('imports a .dwl module from src/main/resources, its funs and vars', async () => {
    app = await start({
      'flows/app.xml': script('import modules::Money'),
      'src/main/resources/modules/Money.dwl': '%dw 2.0\nvar currency = "EUR"\nfun round2(n: Number) = round(n * 100) / 100\n',
    });
    expect(JSON.parse((await get()).body)).toEqual({ total: 3.33, code: 'EUR' });
  });

  it('names a module the app does not have', async () => {
    const loaded = await load({ 'flows/app.xml': script('import modules::Money') });
    const d = loaded.diagnostics.find((x) => x.code === 'dataweave-compile');
    expect(d?.message).toMatch(/Unable to resolve module with identifier modules::Money/);
    expect(d?.hint).toMatch(/modules\/Common\.dwl/);
  });

  it('reports a broken module by its file', async () => {
    const loaded = await load({ 'flows/app.xml': script('import modules::Money'), 'modules/Money.dwl': '%dw 2.0\nfun round2(n) = n +\n' });
    const d = loaded.diagnostics.find((x) => x.code === 'dataweave-compile');
    expect(d?.message).toMatch(/Module modules::Money \(modules\/Money\.dwl\) does not load/);
  });
});
