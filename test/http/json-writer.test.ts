import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/http/json-writer.js';

/** Values JSON.stringify has rules for: toJSON, wrappers, undefined, functions, symbols, -0, NaN, holes. */
const odd = fc.constantFrom<unknown>(
  undefined,
  () => 1,
  Symbol('s'),
  -0,
  NaN,
  Infinity,
  new Date(0),
  new Number(3),
  new String('s'),
  new Boolean(false),
  Buffer.from('hi'),
  { toJSON: (k: string) => `key:${k}` },
);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), odd, tie('array'), tie('object')),
  array: fc.array(tie('any'), { maxLength: 6 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '0', '10', 'a')), tie('any'), { maxKeys: 6 }),
})).any;

/** Pads a value with enough siblings that it is written by the sliced writer, not JSON.stringify. */
const large = (v: unknown) => ({ pad: Array.from({ length: 5_000 }, (_, i) => i), v, more: [v, { v }] });

describe('writeJson', () => {
  it('writes exactly what JSON.stringify writes, small or large', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        expect(await writeJson(v)).toBe(JSON.stringify(v));
        expect(await writeJson(large(v))).toBe(JSON.stringify(large(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes what JSON.stringify cannot: nesting a hundred thousand deep', async () => {
    const depth = 100_000;
    const deep = JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(await writeJson(deep)).toBe(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
  });

  it('refuses a circular structure and a BigInt as JSON.stringify does', async () => {
    const loop: Record<string, unknown> = { pad: Array.from({ length: 5_000 }, (_, i) => i) };
    loop.self = { loop };
    await expect(writeJson(loop)).rejects.toThrow(new TypeError('Converting circular structure to JSON'));
    await expect(writeJson({ pad: Array.from({ length: 5_000 }, (_, i) => i), n: 1n })).rejects.toThrow(TypeError);
    const shared = { s: 1 };
    expect(await writeJson(large([shared, shared]))).toBe(JSON.stringify(large([shared, shared])));
  });

  it('lets the event loop run while it writes a large value', async () => {
    const big = { items: Array.from({ length: 300_000 }, (_, i) => ({ sku: `SKU${i}`, qty: 4, price: 2.5 })) };
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const text = await writeJson(big);
    clearInterval(ticker);
    expect(text).toBe(JSON.stringify(big));
    expect(ticks).toBeGreaterThan(0);
  });
});
