import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Num } from '../../../../src/expr/dataweave/values/numbers.js';
import { formatNumber } from '../../../../src/expr/dataweave/values/numbers.js';
import { dw } from './support.js';

describe('abs, ceil, floor, round', () => {
  it('work on doubles', () => {
    expect([dw('abs', -2), dw('abs', 2.5), dw('abs', -3.5), dw('abs', 3)]).toEqual([2, 2.5, 3.5, 3]);
    expect([dw('ceil', 1.5), dw('ceil', 2.01), dw('ceil', -1.5), dw('ceil', 2)]).toEqual([2, 3, -1, 2]);
    expect([dw('floor', 1.5), dw('floor', 2.99), dw('floor', -1.5)]).toEqual([1, 2, -2]);
    expect([dw('round', 1.2), dw('round', 4.6), dw('round', 3.5), dw('round', -2.5), dw('round', -2.4)]).toEqual([1, 5, 4, -3, -2]);
  });
  it('never answer -0', () => {
    expect(Object.is(dw('ceil', -0.5), 0)).toBe(true);
    expect(Object.is(dw('round', -0.4), 0)).toBe(true);
  });
  it('work on decimals past double precision', () => {
    const big = new Decimal('12345678901234567890.5');
    expect(String(dw('floor', big))).toBe('12345678901234567890');
    expect(String(dw('ceil', big))).toBe('12345678901234567891');
    expect(String(dw('round', big))).toBe('12345678901234567891');
    expect(String(dw('abs', big.neg()))).toBe('12345678901234567890.5');
  });
  it('coerce numeric text', () => {
    expect(dw('abs', '-1')).toBe(1);
  });
  it("say DataWeave's mismatch message for text that is not a number", () => {
    expect(() => dw('abs', 'x')).toThrow(
      'You called the function \'abs\' with these arguments:\n  1: String ("x")\n\nBut it expects one of these combinations:\n  (Number)',
    );
  });
});

describe('sqrt, pow, mod', () => {
  it('take square roots as doubles', () => {
    expect([dw('sqrt', 4), dw('sqrt', 25), dw('sqrt', 2)]).toEqual([2, 5, Math.SQRT2]);
    expect(() => dw('sqrt', -1)).toThrow('sqrt of a negative number');
  });
  it('raise exactly for whole exponents', () => {
    expect([dw('pow', 2, 3), dw('pow', 3, 2), dw('pow', 7, 3), dw('pow', 2, 0.5)]).toEqual([8, 9, 343, Math.SQRT2]);
    expect(formatNumber(dw('pow', 2, 100) as Num)).toBe('1267650600228229401496703205376');
    expect(dw('pow', 1.1, 2)).toBe(1.21);
    expect(dw('pow', 2, -1)).toBe(0.5);
  });
  it('keep the sign of the dividend', () => {
    expect([dw('mod', 3, 2), dw('mod', 4, 2), dw('mod', 2.2, 2), dw('mod', -3, 2), dw('mod', 3, -2)]).toEqual([1, 0, 0.2, -1, 1]);
    expect(() => dw('mod', 1, 0)).toThrow('Division by zero');
  });
});

describe('isDecimal, isInteger, isEven, isOdd', () => {
  it('tell whole numbers from others', () => {
    expect([dw('isDecimal', 1.1), dw('isDecimal', 1), dw('isDecimal', '1.1')]).toEqual([true, false, true]);
    expect([dw('isInteger', 1), dw('isInteger', 2.5), dw('isInteger', '3')]).toEqual([true, false, true]);
    expect(dw('isInteger', new Decimal('12345678901234567890'))).toBe(true);
  });
  it('tell parity', () => {
    expect([dw('isEven', 0), dw('isEven', 1), dw('isEven', -2), dw('isEven', 1 + 1)]).toEqual([true, false, true, true]);
    expect([dw('isOdd', 0), dw('isOdd', 1), dw('isOdd', -3), dw('isOdd', 2.5)]).toEqual([false, true, true, false]);
    expect(dw('isOdd', new Decimal('12345678901234567891'))).toBe(true);
  });
});

describe('random, randomInt', () => {
  it('stay in range', () => {
    for (let i = 0; i < 50; i++) {
      const r = dw('random') as number;
      expect(r >= 0 && r < 1).toBe(true);
      const n = dw('randomInt', 10) as number;
      expect(Number.isInteger(n) && n >= 0 && n < 10).toBe(true);
    }
  });
});

describe('to', () => {
  it('makes an inclusive range, counting down too', () => {
    expect(dw('to', 1, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(dw('to', 3, 1)).toEqual([3, 2, 1]);
    expect(dw('to', 0, 0)).toEqual([0]);
  });
  it('refuses fractions and runaway sizes', () => {
    expect(() => dw('to', 1.5, 3)).toThrow('whole numbers');
    expect(() => dw('to', 0, 1e12)).toThrow('too large');
  });
});
