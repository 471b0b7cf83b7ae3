import { beforeAll, describe, expect, it } from 'vitest';
import { compileExpression, loadDataWeave } from '../../../src/expr/compile.js';
import type { DataWeaveHost } from '../../../src/expr/dataweave/host.js';
import type { EventLike } from '../../../src/expr/scope.js';

beforeAll(() => loadDataWeave());
/*
 * DataWeave as Mule projects write it: the constructs the public Mule 4 apps surveyed for issue 15
 * use most (default, ++, output application/java|json, as Number, as Date, now(), if/else,
 * var/import/fun, uuid(), write(), p(), map, sizeOf, joinBy, contains), each run as Mule runs it.
 */

const PROPS: Record<string, string> = { 'application.name': 'orders-papi', 'api.version': 'v1', 'page.size': '25' };
const host: DataWeaveHost = {
  property: (k) => PROPS[k],
  readResource: () => undefined,
  lookup: () => Promise.reject(new Error('no flows')),
  log: () => undefined,
  flowName: () => 'get-orders-flow',
  appName: 'orders-papi',
};

interface Given {
  payload?: unknown;
  mediaType?: string;
  attributes?: Record<string, unknown>;
  vars?: Record<string, unknown>;
}

async function run(source: string, given: Given = {}, language: 'dataweave' | 'jsonata' = 'dataweave'): Promise<unknown> {
  const compiled = compileExpression(source, { file: 'app.xml', line: 1, col: 1 }, { library: [], language, dataweave: host });
  if ('code' in compiled) throw new Error(`${compiled.code}: ${compiled.message}`);
  const event: EventLike = {
    correlationId: 'c-1',
    message: { payload: given.payload, attributes: given.attributes ?? {}, mediaType: given.mediaType },
    vars: given.vars ?? {},
  };
  return compiled.evaluate(event);
}

describe('inline expressions as Mule apps write them', () => {
  it('default for a missing query parameter', async () => {
    expect(await run("attributes.queryParams.limit default '10'", { attributes: { queryParams: {} } })).toBe('10');
    expect(await run("attributes.queryParams.limit default '10'", { attributes: { queryParams: { limit: '5' } } })).toBe('5');
  });

  it('++ builds log lines and paths', async () => {
    expect(await run("'Received order ' ++ payload.id ++ ' for ' ++ (vars.customer default 'unknown')", { payload: { id: 'o-7' } })).toBe(
      'Received order o-7 for unknown',
    );
    expect(await run("'/api/' ++ p('api.version') ++ '/orders'")).toBe('/api/v1/orders');
  });

  it('conditions of choice routers', async () => {
    expect(await run("payload.status == 'NEW' and sizeOf(payload.items) > 0", { payload: { status: 'NEW', items: [1] } })).toBe(true);
    expect(await run('isEmpty(payload)', { payload: [] })).toBe(true);
    expect(await run('vars.retries < 3 or vars.force', { vars: { retries: 5, force: false } })).toBe(false);
    expect(await run("payload.email contains '@'", { payload: { email: 'a@b.c' } })).toBe(true);
  });

  it('as Number on a query parameter and on a property', async () => {
    expect(await run("(attributes.queryParams.page default '1') as Number * p('page.size') as Number", { attributes: { queryParams: { page: '3' } } })).toBe(
      75,
    );
  });

  it('flow.name, app.name and correlationId in log messages', async () => {
    expect(await run("'[' ++ app.name ++ '] ' ++ flow.name ++ ' ' ++ correlationId")).toBe('[orders-papi] get-orders-flow c-1');
  });

  it('Mule::p and p', async () => {
    expect(await run("Mule::p('application.name') ++ '/' ++ p('api.version')")).toBe('orders-papi/v1');
    expect(await run("p('no.such.key') default 'none'")).toBe('none');
  });
});

describe('transforms as Mule apps write them', () => {
  it('maps a JSON request into a system API call', async () => {
    const script = `%dw 2.0
output application/json
---
{
  orderId: payload.id,
  customerName: upper(payload.customer.firstName ++ " " ++ payload.customer.lastName),
  items: payload.items map (item, index) -> {
    line: index + 1,
    sku: item.sku,
    amount: item.qty * item.unitPrice
  },
  total: sum(payload.items map ($.qty * $.unitPrice)),
  tags: payload.tags joinBy ",",
  priority: if (payload.express default false) "HIGH" else "NORMAL"
}`;
    const payload = {
      id: 'o-1',
      customer: { firstName: 'Ada', lastName: 'Lovelace' },
      items: [
        { sku: 'PEN', qty: 3, unitPrice: 0.1 },
        { sku: 'MUG', qty: 2, unitPrice: 4.35 },
      ],
      tags: ['web', 'promo'],
    };
    expect(await run(script, { payload })).toEqual({
      orderId: 'o-1',
      customerName: 'ADA LOVELACE',
      items: [
        { line: 1, sku: 'PEN', amount: 0.3 },
        { line: 2, sku: 'MUG', amount: 8.7 },
      ],
      total: 9,
      tags: 'web,promo',
      priority: 'NORMAL',
    });
  });

  it('reads a JSON text payload by its media type', async () => {
    expect(await run('%dw 2.0\noutput application/java\n---\npayload.a + 1', { payload: '{"a": 41}', mediaType: 'application/json; charset=UTF-8' })).toBe(42);
  });

  it('dates: read with one format, written with another', async () => {
    const script = `%dw 2.0
output application/json
---
{
  shipDate: payload.date as Date {format: "dd/MM/yyyy"} as String {format: "yyyy-MM-dd"},
  created: |2024-03-05T10:15:30Z| as String {format: "yyyy-MM-dd'T'HH:mm"},
  year: (payload.date as Date {format: "dd/MM/yyyy"}).year
}`;
    expect(await run(script, { payload: { date: '05/03/2024' } })).toEqual({ shipDate: '2024-03-05', created: '2024-03-05T10:15', year: 2024 });
  });

  it('now() and uuid() give a DateTime and an id', async () => {
    const out = (await run('%dw 2.0\noutput application/json\n---\n{ at: now(), id: uuid(), t: typeOf(now()) }')) as Record<string, string>;
    expect(out.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  });

  it('var, fun and import in the header', async () => {
    const script = `%dw 2.0
import * from dw::core::Strings
output application/json
var prefix = "ORD"
fun code(n) = prefix ++ "-" ++ leftPad(n as String, 5, "0")
---
payload map code($)`;
    expect(await run(script, { payload: [7, 42] })).toEqual(['ORD-00007', 'ORD-00042']);
  });

  it('write() an object into a string field', async () => {
    const script = `%dw 2.0
output application/json
---
{ body: write(payload, "application/json", {indent: false}) }`;
    expect(await run(script, { payload: { a: 1, b: [true, null] } })).toEqual({ body: '{"a": 1,"b": [true,null]}' });
  });

  it('output application/java keeps the value', async () => {
    expect(await run('%dw 2.0\noutput application/java\n---\n{ count: sizeOf(payload) }', { payload: [1, 2, 3] })).toEqual({ count: 3 });
  });

  it('an XML body read by its media type: attributes and repeated elements', async () => {
    const xml = '<?xml version="1.0"?><order id="42"><line sku="PEN" qty="2"/><line sku="MUG" qty="1"/></order>';
    const script = `%dw 2.0
output application/json
---
{ id: payload.order.@id, skus: payload.order.*line map $.@sku, qty: sum(payload.order.*line map ($.@qty as Number)) }`;
    expect(await run(script, { payload: xml, mediaType: 'application/xml' })).toEqual({ id: '42', skus: ['PEN', 'MUG'], qty: 3 });
  });

  it('filters and groups', async () => {
    const script = `%dw 2.0
output application/json
---
(payload filter ($.amount > 10) groupBy $.region) mapObject (orders, region) -> { (region): sizeOf(orders) }`;
    const payload = [
      { region: 'EU', amount: 20 },
      { region: 'US', amount: 5 },
      { region: 'EU', amount: 50 },
      { region: 'US', amount: 15 },
    ];
    expect(await run(script, { payload })).toEqual({ EU: 2, US: 1 });
  });

  it('match on a type and a regex', async () => {
    const script = `%dw 2.0
output application/json
---
payload map ($ match {
  case is Number -> "number"
  case s matches /^\\d{3}-\\d{4}$/ -> "phone " ++ s[0]
  case is String -> "text"
  else -> "other"
})`;
    expect(await run(script, { payload: [1, '555-1234', 'hi', true] })).toEqual(['number', 'phone 555-1234', 'text', 'other']);
  });
});
