import { fail } from './errors.js';
import type { Seq } from './sequence.js';

/** JSONata limits ranges to ten million items (D2014): `[1..$n]` from a request cannot ask for gigabytes. */
export const MAX_RANGE = 1e7;

/** `[a..b]`: the integers from a to b, nothing when either is missing or a > b. */
export function range(a: unknown, b: unknown): Seq | undefined {
  if (a !== undefined && !Number.isInteger(a)) fail('T2003', { value: a });
  if (b !== undefined && !Number.isInteger(b)) fail('T2004', { value: b });
  if (a === undefined || b === undefined) return undefined;
  const from = a as number;
  const to = b as number;
  if (from > to) return undefined;
  const size = to - from + 1;
  if (size > MAX_RANGE) fail('D2014', { value: size });
  const out = new Array<number>(size) as unknown as Seq;
  for (let i = 0; i < size; i++) out[i] = from + i;
  out.sequence = true;
  return out;
}
