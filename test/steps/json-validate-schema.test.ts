import { rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { load, NAMESPACES, start } from '../helpers/app.js';

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A Mule file declaring the json namespace; the body starts on line 4. */
function muleFile(body: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mule ${NAMESPACES} xmlns:json="http://www.mulesoft.org/schema/mule/json">`,
    '<http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>',
    body,
    '</mule>',
    '',
  ].join('\n');
}

const REPORT = `<set-payload value="#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ' | ' &amp; error.description]"/>`;

/** POST /t validates against `schema`; a handler of `handled` answers with the error's type and description. */
function flow(validate: string, handled = 'ANY', handler = REPORT): string {
  return muleFile(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${validate}
    <error-handler><on-error-continue type="${handled}">${handler}</on-error-continue></error-handler></flow>`);
}

async function post(body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(app!.url('/t'), { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function postText(body: unknown): Promise<string> {
  return (await post(JSON.stringify(body))).text();
}

/** Load errors as `message @ file:line:col`. */
async function loadErrors(files: Record<string, string>): Promise<string[]> {
  const loaded = await load(files);
  dirs.push(loaded.dir);
  return loaded.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.message.split(`${loaded.dir}/`).join('')} @ ${d.loc ? `${relative(loaded.dir, d.loc.file)}:${d.loc.line}:${d.loc.col}` : '?'}`);
}

const ORDER_07 = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['id', 'customer', 'items'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    customer: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } },
    items: { type: 'array', minItems: 1, items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } },
    status: { enum: ['NEW', 'PAID'] },
  },
});

const VALID_ORDER = { id: 7, customer: { email: 'ana@example.com' }, items: [{ sku: 'A-1', qty: 2 }] };

describe('json:validate-schema', () => {
  it('passes a document that honours the schema and leaves the payload as it was', async () => {
    app = await start({ 'flows/app.xml': flow('<json:validate-schema schema="schemas/order.json"/>'), 'schemas/order.json': ORDER_07 });
    const res = await post(JSON.stringify(VALID_ORDER));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(VALID_ORDER);
  });

  it('lists every violation with its JSON pointer in JSON:SCHEMA_NOT_HONOURED (draft-07)', async () => {
    app = await start({
      'flows/app.xml': flow('<json:validate-schema schema="schemas/order.json"/>', 'JSON:SCHEMA_NOT_HONOURED'),
      'schemas/order.json': ORDER_07,
    });
    const bad = {
      id: 'seven',
      customer: { email: 'nope' },
      items: [
        { sku: 'A-1', qty: 0 },
        { sku: 3, qty: 1 },
      ],
      status: 'LOST',
      note: 'x',
    };
    expect(await postText(bad)).toBe(
      [
        'JSON:SCHEMA_NOT_HONOURED | Json content is not compliant with schema schemas/order.json:',
        "- (root): must NOT have additional properties ('note')",
        '- /id: must be integer',
        '- /customer/email: must match format "email"',
        '- /items/0/qty: must be >= 1',
        '- /items/1/sku: must be string',
        '- /status: must be equal to one of the allowed values: "NEW", "PAID"',
      ].join('\n'),
    );
    expect(await postText({ items: [] })).toBe(
      [
        'JSON:SCHEMA_NOT_HONOURED | Json content is not compliant with schema schemas/order.json:',
        "- (root): must have required property 'id'",
        "- (root): must have required property 'customer'",
        '- /items: must NOT have fewer than 1 items',
      ].join('\n'),
    );
  });

  it('is a MULE:VALIDATION error whose error message holds the violations as data', async () => {
    const handler = `<set-payload value="#[error.errorMessage.payload]" mimeType="application/json"/>`;
    app = await start({
      'flows/app.xml': flow('<json:validate-schema schema="schemas/order.json"/>', 'MULE:VALIDATION', handler),
      'schemas/order.json': ORDER_07,
    });
    const res = await post(JSON.stringify({ ...VALID_ORDER, id: 1.5 }));
    expect(await res.json()).toEqual([{ pointer: '/id', message: 'must be integer', keyword: 'type', schemaPath: '#/properties/id/type' }]);
  });

  it('follows the 2020-12 vocabulary when $schema names it', async () => {
    const schema = JSON.stringify({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
      items: false,
      $defs: { unused: { type: 'null' } },
    });
    app = await start({ 'flows/app.xml': flow('<json:validate-schema schema="schemas/pair.json"/>'), 'schemas/pair.json': schema });
    expect(await postText(['a', 1])).toBe('["a",1]');
    expect(await postText([1, 'a', true])).toBe(
      [
        'JSON:SCHEMA_NOT_HONOURED | Json content is not compliant with schema schemas/pair.json:',
        '- /0: must be string',
        '- /1: must be number',
        '- (root): must NOT have more than 2 items',
      ].join('\n'),
    );
  });

  it('compiles each draft with its own vocabulary: draft-06, draft-07 and 2019-09 too', async () => {
    // "const" arrived in draft-06, "if"/"then" in draft-07, "dependentRequired" in 2019-09: each is enforced only in its draft.
    const schemas = {
      'schemas/d6.json': { $schema: 'http://json-schema.org/draft-06/schema#', properties: { kind: { const: 'order' } } },
      'schemas/d7.json': { $schema: 'http://json-schema.org/draft-07/schema#', if: { required: ['kind'] }, then: { required: ['id'] } },
      'schemas/d2019.json': { $schema: 'https://json-schema.org/draft/2019-09/schema', dependentRequired: { id: ['total'] } },
    };
    app = await start({
      'flows/app.xml': flow(
        Object.keys(schemas)
          .map((f) => `<json:validate-schema schema="${f}"/>`)
          .join(''),
      ),
      ...Object.fromEntries(Object.entries(schemas).map(([f, s]) => [f, JSON.stringify(s)])),
    });
    expect(await postText({ kind: 'order', id: 1, total: 2 })).toBe('{"kind":"order","id":1,"total":2}');
    expect(await postText({ kind: 'invoice' })).toMatch(/schemas\/d6\.json:\n- \/kind: must be equal to constant$/);
    expect(await postText({ kind: 'order' })).toMatch(
      /schemas\/d7\.json:\n- \(root\): must have required property 'id'\n- \(root\): must match "then" schema$/,
    );
    expect(await postText({ kind: 'order', id: 1 })).toMatch(/schemas\/d2019\.json:\n- \(root\): must have property total when property id is present$/);
  });

  it('reads a schema without $schema as draft-04, as Mule does, and a declared draft-04 alike', async () => {
    // In draft-04 exclusiveMinimum is a boolean modifying minimum; later drafts would reject this schema.
    const schema = (declared: boolean) =>
      JSON.stringify({
        ...(declared ? { $schema: 'http://json-schema.org/draft-04/schema#' } : {}),
        type: 'object',
        properties: { price: { type: 'number', minimum: 0, exclusiveMinimum: true } },
      });
    app = await start({
      'flows/app.xml': flow('<json:validate-schema schema="schemas/implicit.json"/><json:validate-schema schema="schemas/explicit.json"/>'),
      'schemas/implicit.json': schema(false),
      'schemas/explicit.json': schema(true),
    });
    expect(await postText({ price: 0.5 })).toBe('{"price":0.5}');
    expect(await postText({ price: 0 })).toBe(
      'JSON:SCHEMA_NOT_HONOURED | Json content is not compliant with schema schemas/implicit.json:\n- /price: must be > 0',
    );
  });

  it('parses a payload of JSON text, and fails text that is not JSON with JSON:INVALID_INPUT_JSON (not a validation error)', async () => {
    app = await start({
      'flows/app.xml': flow('<json:validate-schema schema="schemas/order.json"/>', 'MULE:VALIDATION'),
      'schemas/order.json': ORDER_07,
    });
    const ok = await post(JSON.stringify(VALID_ORDER), 'text/plain');
    expect(await ok.text()).toBe(JSON.stringify(VALID_ORDER));
    const invalid = await post('{"id": 7,', 'text/plain');
    expect(invalid.status).toBe(500);
    expect(await invalid.text()).toMatch(/^Input content was not a valid Json document: /);
  });

  it('validates the document a json:content child gives instead of the payload', async () => {
    app = await start({
      'flows/app.xml': flow('<json:validate-schema schema="schemas/order.json"><json:content>#[payload.order]</json:content></json:validate-schema>'),
      'schemas/order.json': ORDER_07,
    });
    expect(await postText({ order: VALID_ORDER, meta: 1 })).toBe(JSON.stringify({ order: VALID_ORDER, meta: 1 }));
    expect(await postText({ order: { ...VALID_ORDER, id: 'x' } })).toMatch(/- \/id: must be integer$/);
  });

  it('reads files named by relative $refs, from classpath: locations and src/main/resources', async () => {
    const order = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { ship: { $ref: 'common/address.json' } } };
    const address = {
      type: 'object',
      required: ['zip'],
      properties: { zip: { $ref: '#/definitions/zip' } },
      definitions: { zip: { type: 'string', pattern: '^[0-9]{5}$' } },
    };
    app = await start({
      'flows/app.xml': flow('<json:validate-schema schema="classpath:/schemas/order.json"/>'),
      'src/main/resources/schemas/order.json': JSON.stringify(order),
      'src/main/resources/schemas/common/address.json': JSON.stringify(address),
    });
    expect(await postText({ ship: { zip: '12345' } })).toBe('{"ship":{"zip":"12345"}}');
    expect(await postText({ ship: { zip: '12a' } })).toBe(
      'JSON:SCHEMA_NOT_HONOURED | Json content is not compliant with schema classpath:/schemas/order.json:\n- /ship/zip: must match pattern "^[0-9]{5}$"',
    );
  });
});

describe('json:validate-schema at load', () => {
  const app = (validate: string, schemas: Record<string, string> = {}) => ({ 'flows/app.xml': muleFile(`<flow name="f">\n${validate}\n</flow>`), ...schemas });

  it('reports a schema file that does not exist at the attribute', async () => {
    expect(await loadErrors(app('<json:validate-schema schema="schemas/missing.json"/>'))).toEqual([
      'resource "schemas/missing.json" does not exist in the app @ flows/app.xml:5:31',
    ]);
  });

  it("reports a schema that does not compile, naming the file and Ajv's message", async () => {
    const errors = await loadErrors(
      app('<json:validate-schema schema="schemas/bad.json"/>', {
        'schemas/bad.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'objekt' }),
      }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^schemas\/bad\.json is not a valid draft-07 JSON Schema: schema is invalid: data\/type must be equal to one of the allowed values, .* @ flows\/app\.xml:5:31$/,
    );
  });

  it('reports a schema file that is not JSON, a $ref to a missing file, draft-03 and a remote location', async () => {
    expect(
      await loadErrors({
        ...app(
          [
            '<json:validate-schema schema="schemas/broken.json"/>',
            '<json:validate-schema schema="schemas/refs.json"/>',
            '<json:validate-schema schema="schemas/old.json"/>',
            '<json:validate-schema schema="https://example.com/order.json"/>',
          ].join('\n'),
        ),
        'schemas/broken.json': '{"type": ',
        'schemas/refs.json': JSON.stringify({ properties: { a: { $ref: 'nowhere.json' } } }),
        'schemas/old.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-03/schema#' }),
      }),
    ).toEqual([
      expect.stringMatching(/^schema schemas\/broken\.json is not valid JSON: .* @ flows\/app\.xml:5:31$/),
      'resource "schemas/nowhere.json" does not exist in the app @ flows/app.xml:6:31',
      'schemas/old.json: JSON Schema draft-03 is not supported @ flows/app.xml:7:31',
      'schema="https://example.com/order.json" is not a file of the app @ flows/app.xml:8:31',
    ]);
  });

  it('warns about a format it does not know, which it ignores', async () => {
    const loaded = await load(app('<json:validate-schema schema="schemas/s.json"/>', { 'schemas/s.json': JSON.stringify({ type: 'string', format: 'iban' }) }));
    dirs.push(loaded.dir);
    expect(loaded.app).toBeDefined();
    expect(loaded.diagnostics.map((d) => `${d.severity}: ${d.message.split(`${loaded.dir}/`).join('')}`)).toEqual([
      'warning: schemas/s.json: unknown format "iban" ignored in schema at path "#"',
    ]);
  });

  it('rejects allowDuplicateKeys="false", which flowrt cannot honour', async () => {
    expect(await loadErrors(app('<json:validate-schema schema="schemas/s.json" allowDuplicateKeys="false"/>', { 'schemas/s.json': '{}' }))).toEqual([
      'allowDuplicateKeys="false" is not supported yet: a repeated key keeps its last value @ flows/app.xml:5:67',
    ]);
  });
});
