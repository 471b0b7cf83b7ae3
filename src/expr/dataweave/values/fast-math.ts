import type { Num } from './numbers.js';
import { add, multiply, subtract } from './numbers.js';

/**
 * Exact decimal arithmetic on doubles without decimal.js, for the common case of short decimals
 * (prices, quantities): 2.5 is 25 / 10, and 25 × 12 / 100 is the double nearest the exact
 * product, because both integers are exact and IEEE division rounds correctly. The result is what
 * numbers.ts would give through Decimal (a double when it has at most 15 digits and is not tiny);
 * whatever falls outside that takes the Decimal path.
 */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const LIMIT = 1e15;

/** The number of decimals of the shortest decimal that reads as `a`, or -1 past 15. */
function decimals(a: number): number {
  if (Number.isInteger(a)) return 0;
  for (let k = 1; k <= 15; k++) {
    const p = POW10[k]!;
    if (Math.round(a * p) / p === a) return k;
  }
  return -1;
}

function plain(r: number): Num | undefined {
  return r === 0 || Math.abs(r) > 1.1e-6 ? r : undefined;
}

function sumScaled(a: number, b: number, sign: 1 | -1): Num | undefined {
  const da = decimals(a);
  const db = decimals(b);
  if (da < 0 || db < 0) return undefined;
  const k = Math.max(da, db);
  const ia = Math.round(a * POW10[da]!) * POW10[k - da]!;
  const ib = Math.round(b * POW10[db]!) * POW10[k - db]!;
  if (!(Math.abs(ia) < LIMIT && Math.abs(ib) < LIMIT)) return undefined;
  const s = ia + sign * ib;
  return Math.abs(s) < LIMIT ? plain(s / POW10[k]!) : undefined;
}

export function fastAdd(a: number, b: number): Num {
  if (Number.isInteger(a) && Number.isInteger(b)) return add(a, b);
  return sumScaled(a, b, 1) ?? add(a, b);
}

export function fastSubtract(a: number, b: number): Num {
  if (Number.isInteger(a) && Number.isInteger(b)) return subtract(a, b);
  return sumScaled(a, b, -1) ?? subtract(a, b);
}

export function fastMultiply(a: number, b: number): Num {
  if (Number.isInteger(a) && Number.isInteger(b)) return multiply(a, b);
  const da = decimals(a);
  const db = decimals(b);
  if (da >= 0 && db >= 0) {
    const p = Math.round(a * POW10[da]!) * Math.round(b * POW10[db]!);
    if (Math.abs(p) < LIMIT) {
      const r = plain(p / POW10[da + db]!);
      if (r !== undefined) return r;
    }
  }
  return multiply(a, b);
}
