import { Decimal } from 'decimal.js';
import { defineFunction, overload } from '../define.js';
import { fail } from '../../values/eval-error.js';
import type { DwValue } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { compareNumbers, decimal, isInteger, normalize, remainder, toDouble } from '../../values/numbers.js';

/** abs, ceil, floor, round, sqrt, pow, mod, isDecimal, isInteger, isEven, isOdd, random, randomInt, to. */

/** Applies a whole-number rounding to a double or a Decimal alike. */
function rounding(n: Num, mode: Decimal.Rounding, js: (x: number) => number): Num {
  if (typeof n === 'number') return js(n) || 0;
  return normalize(n.toDecimalPlaces(0, mode));
}

export const abs = defineFunction('abs', [overload('Number', (n: Num) => (typeof n === 'number' ? Math.abs(n) : n.abs()))]);
export const ceil = defineFunction('ceil', [overload('Number', (n: Num) => rounding(n, Decimal.ROUND_CEIL, Math.ceil))]);
export const floor = defineFunction('floor', [overload('Number', (n: Num) => rounding(n, Decimal.ROUND_FLOOR, Math.floor))]);

/** Halves go away from zero (round(-2.5) is -3), as BigDecimal's HALF_UP rounds. */
export const round = defineFunction('round', [
  overload('Number', (n: Num) => rounding(n, Decimal.ROUND_HALF_UP, (x) => Math.sign(x) * Math.round(Math.abs(x)))),
]);

export const sqrt = defineFunction('sqrt', [
  overload('Number', (n: Num) => {
    // A double, as Java's Math.sqrt gives it (sqrt(2) is 1.4142135623730951).
    if (compareNumbers(n, 0) < 0) fail(`sqrt of a negative number: ${decimal(n).toString()}`);
    return Math.sqrt(toDouble(n));
  }),
]);

/** Exact for whole exponents (pow(2, 100) keeps every digit), through doubles otherwise. */
export const pow = defineFunction('pow', [
  overload('Number, Number', (base: Num, exp: Num) => {
    if (isInteger(exp) && Math.abs(toDouble(exp)) <= 9999) return normalize(decimal(base).pow(decimal(exp)));
    const r = Math.pow(toDouble(base), toDouble(exp));
    return Number.isFinite(r) ? r : fail(`pow(${toDouble(base)}, ${toDouble(exp)}) is not a number`);
  }),
]);

export const mod = defineFunction('mod', [overload('Number, Number', (a: Num, b: Num) => remainder(a, b))]);

export const isDecimalFn = defineFunction('isDecimal', [overload('Number', (n: Num) => !isInteger(n))]);
export const isIntegerFn = defineFunction('isInteger', [overload('Number', (n: Num) => isInteger(n))]);

function parity(n: Num): number | undefined {
  if (!isInteger(n)) return undefined;
  return typeof n === 'number' ? Math.abs(n % 2) : n.mod(2).abs().toNumber();
}

export const isEven = defineFunction('isEven', [overload('Number', (n: Num) => parity(n) === 0)]);
export const isOdd = defineFunction('isOdd', [overload('Number', (n: Num) => parity(n) === 1)]);

export const random = defineFunction('random', [overload('', () => Math.random())]);

/** A whole number from 0 up to, not including, the limit. */
export const randomInt = defineFunction('randomInt', [overload('Number', (n: Num) => Math.floor(Math.random() * toDouble(n)))]);

/** The range `from to to`, both ends included, counting down when `to` is below `from`; materialised as an array. */
export const to = defineFunction('to', [
  overload('Number, Number', (from: Num, end: Num) => {
    const a = toDouble(from);
    const b = toDouble(end);
    if (!Number.isInteger(a) || !Number.isInteger(b)) fail('A range needs whole numbers');
    if (Math.abs(b - a) > 10_000_000) fail(`The range ${a} to ${b} is too large`);
    const out: DwValue[] = [];
    const step = b >= a ? 1 : -1;
    for (let i = a; step > 0 ? i <= b : i >= b; i += step) out.push(i);
    return out;
  }),
]);
