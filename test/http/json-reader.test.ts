import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/http/json-reader.js';

/** Text past the size readJson hands to JSON.parse whole, with `inner` somewhere inside. */
function large(inner: string, at: number): string {
  const pad = Array.from({ length: 12_000 }, (_, i) => `{"sku":"S${i}","qty":${i},"p":[1.5,"x\\"]"]}`);
  pad.splice(at % pad.length, 0, inner);
  return `{"pad":[${pad.join(',')}],"inner":${inner},"deep":${'['.repeat(40)}${inner}${']'.repeat(40)}}`;
}

const outcome = async (read: () => unknown): Promise<{ value?: string; error?: string }> => {
  try {
    return { value: JSON.stringify(await read()) };
  } catch (e) {
    return { error: (e as Error).name };
  }
};

describe('readJson', () => {
  it('reads what JSON.parse reads, as JSON.parse does, however the text is laid out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.nat(), fc.constantFrom(undefined, 2, '\t'), async (v, at, space) => {
        const text = large(JSON.stringify(v, null, space), at);
        expect(await outcome(() => readJson(text))).toEqual(await outcome(() => JSON.parse(text)));
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('refuses exactly what JSON.parse refuses', async () => {
    const base = large('{"a":[1,2,{"b":"c\\\\"}],"d":null}', 7);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: base.length - 1 }), fc.constantFrom('', ',', ']', '}', '[', '{', '"', ':', 'x', ' ', '\\'), async (at, insert) => {
        for (const text of [base.slice(0, at) + insert + base.slice(at + 1), base.slice(0, at) + insert + base.slice(at)]) {
          const mine = await outcome(() => readJson(text));
          const native = await outcome(() => JSON.parse(text));
          expect({ at, insert, ok: mine.error === undefined, same: mine.value === native.value }).toEqual({
            at,
            insert,
            ok: native.error === undefined,
            same: true,
          });
        }
      }),
      { numRuns: 150, seed: 7 },
    );
    // 300 parses of a large text: seconds on a busy machine, where 15 s was seen to run out.
  }, 60_000);

  it('keeps __proto__ an own member and the last of duplicate keys, in first-seen order', async () => {
    const text = large('{"__proto__":{"polluted":1},"a":1,"b":2,"a":3}', 3);
    const value = (await readJson(text)) as { inner: Record<string, unknown> };
    expect(Object.getPrototypeOf(value.inner)).toBe(Object.prototype);
    expect(Object.keys(value.inner)).toEqual(['__proto__', 'a', 'b']);
    expect(value.inner.a).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value).toEqual(JSON.parse(text));
  });

  it('lets the event loop run while it reads a large text', async () => {
    const text = JSON.stringify({ customer: 'ada', items: Array.from({ length: 230_000 }, (_, i) => ({ sku: `SKU${i}`, qty: 4, price: 2.5 })) });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const value = await readJson(text);
    clearInterval(ticker);
    expect(value).toEqual(JSON.parse(text));
    expect(ticks).toBeGreaterThan(0);
  });
});
