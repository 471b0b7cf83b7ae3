import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { FALLBACK, fastPath } from '../../src/expr/fast-path.js';

/* The shortcut must give exactly what JSONata gives, or step aside (FALLBACK). */
const EXPRESSIONS = [
  'payload',
  'payload.sku',
  'attributes.uriParams.sku',
  'attributes.headers.`content-type`',
  "{'sku': attributes.uriParams.sku}",
  "{'sku': payload.sku, 'inStock': payload.quantity > 0}",
  "{'a': payload.missing, 'b': 1, 'c': 'x', 'd': true, 'e': null}",
  'payload.quantity > 0',
  'payload.quantity = 5',
  'payload.name != "ann"',
  'payload.name < "bob"',
  'payload.quantity >= payload.min',
  'payload.items',
  'payload.items.sku',
  'payload.nested.deep.value',
  'payload.constructor',
  '42',
  '"text"',
  'true',
  'null',
];
const INPUTS: unknown[] = [
  { sku: 'PEN', quantity: 5, name: 'ann', min: 5, nested: { deep: { value: 1 } } },
  { sku: 'MUG', quantity: 0, name: 'bob', min: 1 },
  { quantity: '5', name: 3 },
  { items: [{ sku: 'A' }, { sku: 'B' }], nested: { deep: [1, 2] } },
  { items: [{ sku: 'A' }] },
  'a string',
  7,
  null,
  undefined,
  [1, 2, 3],
  { nested: null, quantity: null },
];

describe('expression fast path', () => {
  for (const source of EXPRESSIONS) {
    it(`agrees with JSONata on ${source}`, async () => {
      const expr = jsonata(source);
      const fast = fastPath(expr.ast());
      for (const payload of INPUTS) {
        const input = { payload, attributes: { uriParams: { sku: 'PEN' }, headers: { 'content-type': 'application/json' } }, vars: {} };
        const got = fast ? fast(input) : FALLBACK;
        let expected: unknown;
        try {
          expected = await expr.evaluate(input);
        } catch {
          // JSONata refuses it (comparing a string with a number …): the shortcut must leave the error to it.
          expect({ payload, value: got }).toEqual({ payload, value: FALLBACK });
          continue;
        }
        if (got !== FALLBACK)
          expect({ payload, value: got }).toEqual({ payload, value: expected === undefined ? undefined : JSON.parse(JSON.stringify(expected)) });
      }
    });
  }

  it('takes the shortcut for the expressions flows are made of, and not for the rest', () => {
    const taken = (s: string) => fastPath(jsonata(s).ast()) !== undefined;
    expect(taken("{'sku': attributes.uriParams.sku}")).toBe(true);
    expect(taken('payload.a.b')).toBe(true);
    expect(taken('payload.items[0]')).toBe(false);
    expect(taken('$count(payload)')).toBe(false);
    expect(taken('"a" & payload')).toBe(false);
    expect(taken("{'a': 1, 'a': 2}")).toBe(false);
    expect(taken('payload.items.(sku)')).toBe(false);
    expect(taken('"abc"[0]')).toBe(false);
  });
});
