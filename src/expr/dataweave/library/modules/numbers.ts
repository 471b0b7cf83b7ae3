import { fail } from '../../values/eval-error.js';
import type { Num } from '../../values/numbers.js';
import { D, decimal, formatNumber, normalize } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { int } from './util.js';

/**
 * dw::core::Numbers: integers to and from binary, hexadecimal and any radix from 2 to 36. BigInt
 * carries the digits, so integers past 2^53 convert exactly (as Java's BigInteger does).
 * Digits are lower case; a negative number is a minus sign and its magnitude.
 */

function radixOf(r: Num): number {
  const radix = int(r);
  if (radix < 2 || radix > 36) fail(`Radix ${radix} is not between 2 and 36`);
  return radix;
}

function fromRadix(text: string, radix: number): Num {
  const t = text.trim();
  const negative = t.startsWith('-');
  const digits = t.replace(/^[+-]/, '');
  const valid = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  if (digits === '' || [...digits.toLowerCase()].some((c) => !valid.includes(c))) fail(`'${text}' is not a number in radix ${radix}`);
  let n = 0n;
  const big = BigInt(radix);
  for (const c of digits.toLowerCase()) n = n * big + BigInt(valid.indexOf(c));
  return normalize(new D((negative ? -n : n).toString()));
}

function toRadix(n: Num, radix: number): string {
  const whole = decimal(n).trunc().toFixed();
  return BigInt(whole).toString(radix);
}

/** fromBinary(0) is documented as 0: a number is read as its digits. */
const text = (v: string | Num): string => (typeof v === 'string' ? v : formatNumber(v));

export const NUMBERS: FunctionTable = {
  fromBinary: defineFunction('fromBinary', [overload('String | Number', (v: string | Num) => fromRadix(text(v), 2)), overload('Null', () => null)]),
  fromHex: defineFunction('fromHex', [overload('String | Number', (v: string | Num) => fromRadix(text(v), 16)), overload('Null', () => null)]),
  fromRadixNumber: defineFunction('fromRadixNumber', [
    overload('String | Number, Number', (v: string | Num, r: Num) => fromRadix(text(v), radixOf(r))),
    overload('Null, Any', () => null),
  ]),
  toBinary: defineFunction('toBinary', [overload('Number', (n: Num) => toRadix(n, 2)), overload('Null', () => null)]),
  toHex: defineFunction('toHex', [overload('Number', (n: Num) => toRadix(n, 16)), overload('Null', () => null)]),
  toRadixNumber: defineFunction('toRadixNumber', [overload('Number, Number', (n: Num, r: Num) => toRadix(n, radixOf(r))), overload('Null, Any', () => null)]),
};
