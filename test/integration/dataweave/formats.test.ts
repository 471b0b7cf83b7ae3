import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { mule, start } from '../../helpers/app.js';

/* Bodies in and out of DataWeave transforms over real HTTP: the payload read by its media type, the output written by its directive. */

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const transform = (script: string) =>
  mule(
    `<flow name="f"><http:listener config-ref="listener" path="/f"/><ee:transform><ee:message><ee:set-payload><![CDATA[${script}]]></ee:set-payload></ee:message></ee:transform></flow>`,
  );

async function post(body: string, type: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(app!.url('/f'), { method: 'POST', body, headers: { 'content-type': type } });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

describe('DataWeave bodies over HTTP', () => {
  it('reads a CSV body and answers JSON', async () => {
    app = await start(transform('%dw 2.0\noutput application/json\n---\npayload map { sku: $.sku, qty: $.qty as Number }'));
    const res = await post('sku,qty\nPEN,2\nMUG,1\n', 'text/csv');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual([
      { sku: 'PEN', qty: 2 },
      { sku: 'MUG', qty: 1 },
    ]);
  });

  it('reads with the input directive’s properties', async () => {
    app = await start(transform('%dw 2.0\ninput payload application/csv separator=";"\noutput application/java\n---\nsizeOf(payload)'));
    expect((await post('a;b\n1;2\n3;4\n', 'text/plain')).body).toBe('2');
  });

  it('answers CSV with its media type', async () => {
    app = await start(transform('%dw 2.0\noutput application/csv\n---\npayload.items'));
    const res = await post('{"items": [{"sku": "PEN", "qty": 2}, {"sku": "MUG", "qty": 1}]}', 'application/json');
    expect(res.type).toMatch(/^application\/csv/);
    expect(res.body).toBe('sku,qty\nPEN,2\nMUG,1\n');
  });

  it('answers XML with namespaces and repeated elements from JSON', async () => {
    app = await start(
      transform(`%dw 2.0
output application/xml indent=false
ns shop http://example.com/shop
---
shop#order @(id: payload.id): { (payload.skus map { shop#line: $ }) }`),
    );
    const res = await post('{"id": "7", "skus": ["PEN", "MUG"]}', 'application/json');
    expect(res.body).toBe(
      '<?xml version=\'1.0\' encoding=\'UTF-8\'?><shop:order xmlns:shop="http://example.com/shop" id="7"><shop:line>PEN</shop:line><shop:line>MUG</shop:line></shop:order>',
    );
  });

  it('answers a form from an object', async () => {
    app = await start(transform('%dw 2.0\noutput application/x-www-form-urlencoded\n---\n{ q: payload.q, page: 2 }'));
    const res = await post('{"q": "a b@c"}', 'application/json');
    expect(res.type).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(res.body).get('q')).toBe('a b@c');
  });

  it('answers multipart with the boundary in its media type', async () => {
    app = await start(
      transform(`%dw 2.0
output multipart/form-data
---
{ parts: { note: { headers: { "Content-Type": "text/plain" }, content: "hi" } } }`),
    );
    const res = await post('{}', 'application/json');
    const boundary = /boundary=([^;]+)/.exec(res.type ?? '')?.[1];
    expect(boundary).toBeDefined();
    expect(res.body).toContain(`--${boundary}`);
    expect(res.body).toContain('hi');
  });

  it('an XML body that is not XML fails the event with MULE:EXPRESSION, not the process', async () => {
    app = await start(transform('%dw 2.0\noutput application/json\n---\npayload.a'));
    const res = await post('<a><b></a>', 'application/xml');
    expect(res.status).toBe(500);
    expect(app!.logs.find((l) => l.errorType !== undefined)?.errorType).toBe('MULE:EXPRESSION');
  });
});
