import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { newJsonata } from '../../src/expr/compile.js';
import { MAX_PAD_WIDTH, STRING_FUNCTIONS } from '../../src/expr/string-functions.js';

/*
 * flowrt's $length, $substring and $pad stand in for the library's (which split the whole string
 * into an array of characters in one uninterruptible call): the same results on every input,
 * surrogate pairs and lone surrogates included.
 */

/** What an expression gives, or the error code / message it fails with. */
async function outcome(expr: jsonata.Expression, bindings: Record<string, unknown>): Promise<unknown> {
  try {
    return { value: await expr.evaluate({}, bindings) };
  } catch (e) {
    return { error: (e as { code?: string }).code ?? (e as Error).message };
  }
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // lone surrogates too
  fc.constantFrom('', 'ab😀c', '😀😀', '\uD800x', 'x\uDC00', 'naïve'),
);
const index = fc.oneof(fc.integer({ min: -25, max: 25 }), fc.constantFrom(0.5, -0.5, 2.7, -3.2, 1e9, -1e9));
// Within the width limit (beyond it flowrt refuses where the library may build the string).
const width = fc.oneof(fc.integer({ min: -25, max: 25 }), fc.constantFrom(0.5, -0.5, 2.7, -3.2, 100_000, -100_001));

describe('$length, $substring and $pad', () => {
  it('replace the library functions of the same names and signatures', () => {
    expect(STRING_FUNCTIONS.map((f) => f.name)).toEqual(['length', 'substring', 'pad']);
  });

  it.each([
    ['$length($s)', fc.record({ s: text })],
    ['$substring($s, $i)', fc.record({ s: text, i: index })],
    ['$substring($s, $i, $n)', fc.record({ s: text, i: index, n: index })],
    ['$pad($s, $n)', fc.record({ s: text, n: width })],
    ['$pad($s, $n, $c)', fc.record({ s: text, n: width, c: text })],
    ['$s.$length()', fc.record({ s: text })],
  ])('%s gives what JSONata gives', async (source, args) => {
    const ours = newJsonata(source);
    const library = jsonata(source);
    await fc.assert(
      fc.asyncProperty(args, async (bindings) => {
        expect(await outcome(ours, bindings)).toEqual(await outcome(library, bindings));
      }),
      { seed: 0x5f4e_0001, numRuns: 400 },
    );
  });

  it('refuse what is not a string as the library does', async () => {
    for (const source of ['$length(1)', '$substring([1], 1)', '$pad({}, 3)']) {
      expect(await outcome(newJsonata(source), {})).toEqual(await outcome(jsonata(source), {}));
    }
  });

  it('cut the last repetition of a pad string by characters', async () => {
    expect(await newJsonata(`$pad('a', -6, '😀bc')`).evaluate({})).toBe('😀bc😀ba');
  });

  it('pad a 10,000,000-character width with a multi-character pad string exactly', async () => {
    const padded = (await newJsonata(`$pad('ab', ${MAX_PAD_WIDTH}, 'ф∷')`).evaluate({})) as string;
    expect(padded.length).toBe(MAX_PAD_WIDTH);
    expect(padded.slice(0, 6)).toBe('abф∷ф∷');
    expect(padded.endsWith('∷ф∷')).toBe(true); // 9,999,998 pad characters: 4,999,999 whole repetitions
  });

  it('refuse a $pad width beyond 10,000,000 characters, as JSONata refuses larger ranges', async () => {
    for (const width of [MAX_PAD_WIDTH + 1, -(MAX_PAD_WIDTH + 1), 1e12]) {
      await expect(newJsonata(`$pad('', ${width})`).evaluate({})).rejects.toThrow(
        `$pad: a width of ${Math.abs(width)} characters exceeds the limit of 10000000`,
      );
    }
  });
});
