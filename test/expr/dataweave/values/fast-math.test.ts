import { describe, expect, it } from 'vitest';
import { D, add, multiply, normalize, subtract } from '../../../../src/expr/dataweave/values/numbers.js';
import type { Num } from '../../../../src/expr/dataweave/values/numbers.js';

/** A deterministic stream of short decimals, positive and negative, tiny and large. */
function* samples(): Generator<number> {
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 3000; i++) {
    const digits = next() % 10 ** (1 + (next() % 9));
    const scale = next() % 9;
    yield ((next() % 2 ? -1 : 1) * digits) / 10 ** scale;
  }
}

const same = (a: Num, b: Num): boolean => new D(a).eq(new D(b)) && typeof a === typeof b;

describe('decimal arithmetic on doubles', () => {
  it('gives what decimal.js gives, without it for short decimals', () => {
    const xs = [...samples()];
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const [a, b] = [xs[i]!, xs[i + 1]!];
      expect(same(add(a, b), normalize(new D(a).plus(b))), `${a} + ${b}`).toBe(true);
      expect(same(subtract(a, b), normalize(new D(a).minus(b))), `${a} - ${b}`).toBe(true);
      expect(same(multiply(a, b), normalize(new D(a).times(b))), `${a} * ${b}`).toBe(true);
    }
  });

  it('keeps DataWeave decimal results', () => {
    expect(add(0.1, 0.2)).toBe(0.3);
    expect(multiply(1.1, 1.1)).toBe(1.21);
    expect(subtract(0.3, 0.1)).toBe(0.2);
  });
});
