import { Decimal } from 'decimal.js';
import { fail } from './eval-error.js';
import type { DwValue } from './model.js';
import { isDecimal } from './model.js';

/**
 * DataWeave's numbers are decimals (Java's BigDecimal): `0.1 + 0.2 == 0.3` holds. Here a number is
 * a JavaScript double whenever the double prints as the decimal meant (up to 15 significant
 * digits, which every double round-trips), and a Decimal only past that. Integer arithmetic stays
 * on doubles; other operations go through Decimal and come back to a double when they can, so
 * the common case costs one `Number.isInteger` test and a payload's numbers are never copied.
 * Division keeps 34 significant digits, as BigDecimal's DECIMAL128 context does.
 */
export type Num = number | Decimal;

export const D = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 21 });

export function decimal(n: Num): Decimal {
  return typeof n === 'number' ? new D(n) : n;
}

/** A Decimal as a double when the double means the same decimal. */
export function normalize(d: Decimal): Num {
  if (!d.isFinite()) fail(`Number overflow or undefined result: ${d.toString()}`);
  if (d.sd() <= 15 && d.e < 21 && d.e > -7) return d.toNumber();
  return d;
}

/** A number read from text (a literal, JSON, CSV, `as Number`): undefined when it is not one. */
export function parseNumber(text: string): Num | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  if (Number.isSafeInteger(n) || (t.replace(/^[+-]?0*\.?0*|[eE].*$|\./g, '').length <= 15 && Number.isFinite(n))) return n;
  return normalize(new D(t));
}

/**
 * The decimal places of a double as it prints (`2.25` → 2), or -1 when it prints with an
 * exponent or more than 15 significant digits, where only Decimal is exact.
 */
function scaleOf(n: number): number {
  const text = String(n);
  const dot = text.indexOf('.');
  if (dot < 0 || text.includes('e')) return -1;
  const digits = text.length - (text.charCodeAt(0) === 45 ? 2 : 1);
  return digits > 15 ? -1 : text.length - dot - 1;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * `a ± b` of two doubles with decimals, as scaled integers: each scaled value is an exact integer
 * below 2^53, and dividing the integer result by a power of ten gives the double nearest the
 * exact decimal (IEEE division rounds correctly), which prints as that decimal. Undefined when
 * the operands are past that, for Decimal to take.
 */
function scaledSum(a: number, b: number, sign: 1 | -1): number | undefined {
  const sa = Number.isInteger(a) ? 0 : scaleOf(a);
  const sb = Number.isInteger(b) ? 0 : scaleOf(b);
  if (sa < 0 || sb < 0) return undefined;
  const p = POW10[sa > sb ? sa : sb]!;
  const r = Math.round(a * p) + sign * Math.round(b * p);
  return Number.isSafeInteger(r) && Math.abs(a * p) < 2 ** 52 && Math.abs(b * p) < 2 ** 52 ? r / p : undefined;
}

export function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(r)) return r;
    const scaled = scaledSum(a, b, 1);
    if (scaled !== undefined) return scaled;
  }
  return normalize(decimal(a).plus(decimal(b)));
}

export function subtract(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(r)) return r;
    const scaled = scaledSum(a, b, -1);
    if (scaled !== undefined) return scaled;
  }
  return normalize(decimal(a).minus(decimal(b)));
}

export function multiply(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(r)) return r;
    // The product of the scaled integers, scaled back: exact while it stays below 2^53.
    const sa = Number.isInteger(a) ? 0 : scaleOf(a);
    const sb = Number.isInteger(b) ? 0 : scaleOf(b);
    if (sa >= 0 && sb >= 0 && sa + sb <= 22) {
      const ia = Math.round(a * POW10[sa]!);
      const ib = Math.round(b * POW10[sb]!);
      const ir = ia * ib;
      if (Number.isSafeInteger(ir) && Number.isSafeInteger(ia) && Number.isSafeInteger(ib)) return normalizeDouble(ir / POW10[sa + sb]!, ir, sa + sb);
    }
  }
  return normalize(decimal(a).times(decimal(b)));
}

/** `ir / 10^scale` as a double when it has at most 15 significant digits (so prints exactly), else a Decimal. */
function normalizeDouble(r: number, ir: number, scale: number): Num {
  return String(Math.abs(ir)).replace(/0+$/, '').length <= 15 ? r : normalize(new D(ir).div(POW10[scale]!));
}

export function divide(a: Num, b: Num): Num {
  if (isZero(b)) fail('Division by zero');
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b) && a % b === 0) return a / b;
  return normalize(decimal(a).div(decimal(b)));
}

/** `mod`: the sign follows the dividend, as Java's BigDecimal.remainder. */
export function remainder(a: Num, b: Num): Num {
  if (isZero(b)) fail('Division by zero');
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) return a % b;
  return normalize(decimal(a).mod(decimal(b)));
}

export function negate(a: Num): Num {
  return typeof a === 'number' ? -a : a.neg();
}

export function isZero(a: Num): boolean {
  return typeof a === 'number' ? a === 0 : a.isZero();
}

/** -1, 0 or 1. */
export function compareNumbers(a: Num, b: Num): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return decimal(a).cmp(decimal(b));
}

export function isInteger(a: Num): boolean {
  return typeof a === 'number' ? Number.isInteger(a) : a.isInteger();
}

/** A double, for the places that need one (indexes, sizes, Math functions). */
export function toDouble(a: Num): number {
  return typeof a === 'number' ? a : a.toNumber();
}

/** The number as DataWeave prints it: plain digits, never `1e+21`. */
export function formatNumber(a: Num): string {
  if (typeof a === 'number') {
    if (Number.isInteger(a) ? Math.abs(a) < 1e21 : Math.abs(a) >= 1e-6) return String(a);
    return new D(a).toFixed();
  }
  return a.toFixed();
}

/** Whether `v` is a DataWeave number (double or Decimal). */
export function isNum(v: DwValue | undefined): v is Num {
  return typeof v === 'number' || isDecimal(v);
}
