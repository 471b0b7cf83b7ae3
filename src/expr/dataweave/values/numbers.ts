import { Decimal } from 'decimal.js';
import { fail } from './eval-error.js';
import { exactProduct, exactSum } from './fast-math.js';
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

export function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(r)) return r;
    const exact = exactSum(a, b, 1);
    if (exact !== undefined) return exact;
  }
  return normalize(decimal(a).plus(decimal(b)));
}

export function subtract(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(r)) return r;
    const exact = exactSum(a, b, -1);
    if (exact !== undefined) return exact;
  }
  return normalize(decimal(a).minus(decimal(b)));
}

export function multiply(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isSafeInteger(r)) return r;
    const exact = exactProduct(a, b);
    if (exact !== undefined) return exact;
  }
  return normalize(decimal(a).times(decimal(b)));
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
