import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileJsonata, StepAside, Unsupported } from '../../../src/expr/jsonata/compile/index.js';
import type { CompiledJsonata } from '../../../src/expr/jsonata/compile/index.js';
import { LinearRegExp } from '../../../src/expr/linear-regex.js';

/* Compiled JSONata must give exactly what the library gives (result or error code) on the expressions flows are made of. */
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
  'payload.items[0]',
  'payload.items[-1].sku',
  'payload.items[sku = "B"]',
  'payload.items.sku[]',
  'payload.nested.deep.value',
  'payload.constructor',
  'payload.quantity * 2 + 1',
  '"n: " & payload.quantity',
  '$count(payload.items)',
  '$sum(payload.items.(qty * price))',
  'payload.items{sku: qty}',
  'payload.items^(>sku).sku',
  'payload.items#$i[$i > 0].sku',
  'payload.items.$map($.sku, function($s) { $s & "!" })',
  '($x := payload.quantity; $x ? $x * 10 : "none")',
  '[1..3].($ * payload.quantity)',
  'payload.quantity in [0, 5]',
  '42',
  '"text"',
  'true',
  'null',
];
const INPUTS: unknown[] = [
  { sku: 'PEN', quantity: 5, name: 'ann', min: 5, nested: { deep: { value: 1 } } },
  { sku: 'MUG', quantity: 0, name: 'bob', min: 1 },
  { quantity: '5', name: 3 },
  {
    items: [
      { sku: 'A', qty: 1, price: 2 },
      { sku: 'B', qty: 3, price: 0.5 },
    ],
    nested: { deep: [1, 2] },
  },
  { items: [{ sku: 'A' }] },
  { items: { sku: 'solo', qty: 2, price: 2 } },
  'a string',
  7,
  null,
  undefined,
  [1, 2, 3],
  { nested: null, quantity: null },
];

function compile(source: string): CompiledJsonata {
  const compiled = compileJsonata(jsonata(source).ast(), { functions: [], regex: LinearRegExp as never, timeoutMs: 1000, maxDepth: 500 });
  if (compiled instanceof Unsupported) throw compiled;
  return compiled;
}

async function library(source: string, input: unknown): Promise<unknown> {
  try {
    const value: unknown = await jsonata(source).evaluate(input);
    return { value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    return { code: (e as { code?: string }).code };
  }
}

function compiled(expr: CompiledJsonata, input: unknown): unknown {
  try {
    const value = expr.evaluate(input);
    return { value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    return { code: (e as { code?: string }).code };
  }
}

describe('compiled JSONata', () => {
  for (const source of EXPRESSIONS) {
    it(`agrees with the library on ${source}`, async () => {
      const expr = compile(source);
      for (const payload of INPUTS) {
        const input = { payload, attributes: { uriParams: { sku: 'PEN' }, headers: { 'content-type': 'application/json' } }, vars: {} };
        expect({ payload, ...(compiled(expr, input) as object) }).toEqual({ payload, ...((await library(source, input)) as object) });
      }
    });
  }

  it('leaves to the library what it does not cover, and says what', () => {
    const reason = (s: string) => {
      const c = compileJsonata(jsonata(s).ast(), { functions: [], regex: LinearRegExp as never, timeoutMs: 0, maxDepth: 0 });
      return c instanceof Unsupported ? c.construct : 'compiled';
    };
    expect(reason('$eval("1 + 1")')).toBe('$eval');
    expect(reason('payload.a')).toBe('compiled');
    expect(reason('($eval := function() { 1 }; $eval())')).toBe('compiled');
  });

  it('fails as the library does, with its code and message', () => {
    const expr = compile('payload.name + 1');
    expect(() => expr.evaluate({ payload: { name: 'ann' } })).toThrow(
      expect.objectContaining({ code: 'T2001', message: 'The left side of the "+" operator must evaluate to a number' }),
    );
  });

  it('stops a runaway recursion at the depth limit, and an endless loop at the time limit', () => {
    const deep = compileJsonata(jsonata('($f := function($n) { $n + $f($n + 1) }; $f(0))').ast(), {
      functions: [],
      regex: LinearRegExp as never,
      timeoutMs: 0,
      maxDepth: 200,
    }) as CompiledJsonata;
    expect(() => deep.evaluate(null)).toThrow(expect.objectContaining({ code: 'D1011' }));
    const endless = compileJsonata(jsonata('($f := function($n) { $f($n + 1) }; $f(0))').ast(), {
      functions: [],
      regex: LinearRegExp as never,
      timeoutMs: 50,
      maxDepth: 200,
    }) as CompiledJsonata;
    expect(() => endless.evaluate(null)).toThrow(expect.objectContaining({ code: 'D1012' }));
  });

  it('steps aside past its slice, for the library to run the evaluation in slices', () => {
    const long = compileJsonata(jsonata('$sum([1..5000000].($ * 2))').ast(), {
      functions: [],
      regex: LinearRegExp as never,
      timeoutMs: 0,
      maxDepth: 0,
      sliceMs: 1,
    });
    expect(() => (long as CompiledJsonata).evaluate(null)).toThrow(StepAside);
  });
});
