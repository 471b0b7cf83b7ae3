/*
 * The numeric functions of JSONata (functions.js): $number, $abs, $floor, $ceil, $round,
 * $sqrt, $power, $random. $round rounds half to even, shifting the decimal point in the
 * number's text rather than multiplying, which would bring binary rounding errors in.
 */
import { JsonataError, type Builtin } from '../values.js';

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$/;
// As JSONata writes it: the alternation leaves the octal and binary forms unanchored at the start.
const PREFIXED = /^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$/;

/**
 * @example
 * toNumber('0x1F'); // 31
 * toNumber(true); // 1
 */
export function toNumber(arg: unknown): number | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === 'number') return arg;
  if (typeof arg === 'string' && DECIMAL.test(arg) && Number.isFinite(Number(arg))) return parseFloat(arg);
  if (typeof arg === 'string' && PREFIXED.test(arg)) return Number(arg);
  if (arg === true) return 1;
  if (arg === false) return 0;
  throw new JsonataError('D3030', `Unable to cast value to a number: ${JSON.stringify(arg)}`, { value: arg });
}

/**
 * Half to even, at `precision` decimal places (negative: to tens, hundreds …).
 *
 * @example
 * round(2.5); // 2
 * round(1.255, 2); // 1.26 (the text 1.255, not the binary value just below it)
 */
export function round(arg: number | undefined, precision?: number): number | undefined {
  if (arg === undefined) return undefined;
  let value = arg;
  if (precision) value = shift(value, precision);
  let result = Math.round(value);
  if (Math.abs(result - value) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
  if (precision) result = shift(result, -precision);
  return Object.is(result, -0) ? 0 : result;
}

/** `value` × 10^`places`, done on its decimal text. */
function shift(value: number, places: number): number {
  const [mantissa, exponent] = value.toString().split('e');
  return Number(`${mantissa}e${exponent ? Number(exponent) + places : places}`);
}

function sqrt(arg: number | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg < 0) throw new JsonataError('D3060', `The sqrt function cannot be applied to a negative number: ${arg}`, { value: arg });
  return Math.sqrt(arg);
}

function power(arg: number | undefined, exp: number): number | undefined {
  if (arg === undefined) return undefined;
  const result = Math.pow(arg, exp);
  if (!Number.isFinite(result)) {
    throw new JsonataError('D3061', `The power function has resulted in a value that cannot be represented as a JSON number: base=${arg}, exponent=${exp}`, {
      value: arg,
    });
  }
  return result;
}

/** One argument through `op`, undefined staying undefined. */
function unary(op: (n: number) => number): (arg: number | undefined) => number | undefined {
  return (arg) => (arg === undefined ? undefined : op(arg));
}

export const NUMBERS: Readonly<Record<string, Builtin>> = {
  number: { signature: '<(nsb)-:n>', impl: toNumber },
  abs: { signature: '<n-:n>', impl: unary(Math.abs) },
  floor: { signature: '<n-:n>', impl: unary(Math.floor) },
  ceil: { signature: '<n-:n>', impl: unary(Math.ceil) },
  round: { signature: '<n-n?:n>', impl: round },
  sqrt: { signature: '<n-:n>', impl: sqrt },
  power: { signature: '<n-n:n>', impl: power },
  random: { signature: '<:n>', impl: () => Math.random() },
};
