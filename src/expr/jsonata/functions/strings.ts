/*
 * The string functions of JSONata (functions.js): $string, $substring, $substringBefore,
 * $substringAfter, $lowercase, $uppercase, $length, $trim, $pad, $join. Characters are code
 * points, as JSONata counts them; $length, $substring and $pad are the native-speed ones the
 * library path uses too (../../string-functions.ts), so both paths agree to the character.
 */
import { length, pad, substring } from '../../string-functions.js';
import { JsonataError, type Builtin } from '../values.js';
import { isFunctionValue } from './util.js';

/**
 * A value as JSONata prints it: strings as they are, functions as '', anything else as JSON
 * with non-integers cut to 15 significant digits (so 0.1 + 0.2 prints 0.3).
 *
 * @example
 * stringify({ a: 1 / 3 }); // '{"a":0.333333333333333}'
 */
export function stringify(arg: unknown, prettify = false): string | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg === 'string') return arg;
  if (isFunctionValue(arg)) return '';
  if (typeof arg === 'number' && !Number.isFinite(arg)) {
    throw new JsonataError('D3001', 'Attempting to invoke string function on Infinity or NaN', { value: arg });
  }
  const value = Array.isArray(arg) && (arg as { outerWrapper?: boolean }).outerWrapper ? arg[0] : arg;
  return JSON.stringify(value, jsonReplacer, prettify ? 2 : 0);
}

function jsonReplacer(_key: string, val: unknown): unknown {
  if (typeof val === 'number') {
    if (Number.isNaN(val)) return val;
    // JSONata's isNumeric refuses infinities nested in a value (D1001).
    if (!Number.isFinite(val)) throw new JsonataError('D1001', `Number out of range: ${val}`, { value: val });
    return Number.isInteger(val) ? val : Number(val.toPrecision(15));
  }
  return isFunctionValue(val) ? '' : val;
}

function substringBefore(str: string | undefined, chars: string): string | undefined {
  if (str === undefined) return undefined;
  const pos = str.indexOf(chars);
  return pos > -1 ? str.slice(0, pos) : str;
}

function substringAfter(str: string | undefined, chars: string): string | undefined {
  if (str === undefined) return undefined;
  const pos = str.indexOf(chars);
  return pos > -1 ? str.slice(pos + chars.length) : str;
}

/** Runs of space, tab, CR and LF become one space; leading and trailing ones go. */
function trim(str: string | undefined): string | undefined {
  if (str === undefined) return undefined;
  let result = str.replace(/[ \t\n\r]+/g, ' ');
  if (result.charAt(0) === ' ') result = result.slice(1);
  if (result.charAt(result.length - 1) === ' ') result = result.slice(0, -1);
  return result;
}

function join(strs: string[] | undefined, separator?: string): string | undefined {
  if (strs === undefined) return undefined;
  return strs.join(separator ?? '');
}

export const STRINGS: Readonly<Record<string, Builtin>> = {
  string: { signature: '<x-b?:s>', impl: stringify },
  substring: { signature: '<s-nn?:s>', impl: substring },
  substringBefore: { signature: '<s-s:s>', impl: substringBefore },
  substringAfter: { signature: '<s-s:s>', impl: substringAfter },
  lowercase: { signature: '<s-:s>', impl: (str: string | undefined) => str?.toLowerCase() },
  uppercase: { signature: '<s-:s>', impl: (str: string | undefined) => str?.toUpperCase() },
  length: { signature: '<s-:n>', impl: length },
  trim: { signature: '<s-:s>', impl: trim },
  pad: { signature: '<s-ns?:s>', impl: pad },
  join: { signature: '<a<s>s?:s>', impl: join },
};
