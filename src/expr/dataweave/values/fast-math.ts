/**
 * Exact decimal arithmetic on doubles without decimal.js, for the common case of short decimals
 * (prices, quantities): 2.5 is 25 / 10, and 25 × 12 / 100 is the double nearest the exact
 * product, because both integers are exact and IEEE division rounds correctly. The result is what
 * the Decimal path gives (a double when it has at most 15 digits and is not tiny); numbers.ts
 * takes the Decimal path for whatever falls outside that.
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

function plain(r: number): number | undefined {
  return r === 0 || Math.abs(r) > 1.1e-6 ? r : undefined;
}

/** `a + sign × b` exactly, when both are short decimals and so is the result; undefined otherwise. */
export function exactSum(a: number, b: number, sign: 1 | -1): number | undefined {
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

/** `a × b` exactly, when both are short decimals and so is the result; undefined otherwise. */
export function exactProduct(a: number, b: number): number | undefined {
  const da = decimals(a);
  const db = decimals(b);
  if (da < 0 || db < 0) return undefined;
  const p = Math.round(a * POW10[da]!) * Math.round(b * POW10[db]!);
  return Math.abs(p) < LIMIT ? plain(p / POW10[da + db]!) : undefined;
}
