import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwValue } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { formatNumber, isNum } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { call, int, test } from './util.js';

/**
 * dw::core::Strings, the functions that look at a string character by character. The lambdas
 * see whole code points (an emoji is one character); charCodeAt and the distances index UTF-16
 * code units, as Java's String.charAt does.
 */

/** Java's Character.isWhitespace: space separators other than the non-breaking ones, and the ASCII/C0 separators. */
function isJavaWhitespace(c: string): boolean {
  if (c === '\u00a0' || c === '\u2007' || c === '\u202f') return false;
  return /[\t\n\u000b\f\r\u001c-\u001f\p{Zs}\u2028\u2029]/u.test(c);
}

/** A whole-string test that is false for the empty string, as Apache Commons' isAlpha and friends are. */
function allOf(re: RegExp): (s: string) => boolean {
  return (s) => s.length > 0 && re.test(s);
}

const checks = {
  isAlpha: allOf(/^\p{L}+$/u),
  isAlphanumeric: allOf(/^[\p{L}\p{Nd}]+$/u),
  isNumeric: allOf(/^\p{Nd}+$/u),
  isLowerCase: allOf(/^\p{Ll}+$/u),
  isUpperCase: allOf(/^\p{Lu}+$/u),
  // Blank text is whitespace: Commons answers true for "".
  isWhitespace: (s: string) => [...s].every(isJavaWhitespace),
};

function predicate(name: keyof typeof checks): DwFunction {
  return defineFunction(name, [overload('String', (s: string) => checks[name](s)), overload('Null', () => false)]);
}

/** The text a mapper's answer contributes to mapString: strings as they are, numbers and booleans as written. */
function asText(v: DwValue, fnName: string): string {
  if (typeof v === 'string') return v;
  if (isNum(v)) return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  return fail(`The mapper given to '${fnName}' must return a String`);
}

export const STRINGS_CHARS: FunctionTable = {
  isAlpha: predicate('isAlpha'),
  isAlphanumeric: predicate('isAlphanumeric'),
  isNumeric: predicate('isNumeric'),
  isLowerCase: predicate('isLowerCase'),
  isUpperCase: predicate('isUpperCase'),
  isWhitespace: predicate('isWhitespace'),

  charCode: defineFunction('charCode', [overload('String', (s: string) => (s.length === 0 ? fail('Unexpected empty string') : s.charCodeAt(0)))]),
  charCodeAt: defineFunction('charCodeAt', [
    overload('String, Number', (s: string, i: Num) => {
      const n = int(i);
      if (n < 0 || n >= s.length) fail(`Index ${n} is out of bounds for a String of size ${s.length}`);
      return s.charCodeAt(n);
    }),
  ]),
  fromCharCode: defineFunction('fromCharCode', [
    overload('Number', (n: Num) => {
      const c = int(n);
      if (c < 0 || c > 0x10ffff) fail(`fromCharCode: ${c} is not a Unicode code point`);
      return String.fromCodePoint(c);
    }),
  ]),

  collapse: defineFunction('collapse', [
    overload('String', (s: string) => {
      const out: string[] = [];
      for (let i = 0; i < s.length;) {
        let j = i + 1;
        while (j < s.length && s[j] === s[i]) j++;
        out.push(s.slice(i, j));
        i = j;
      }
      return out;
    }),
    overload('Null', () => null),
  ]),
  countCharactersBy: defineFunction('countCharactersBy', [
    overload('String, Function', (s: string, fn: DwFunction) => {
      let n = 0;
      for (const c of s) if (test(fn, 'countCharactersBy', c)) n++;
      return n;
    }),
    overload('Null, Function', () => null),
  ]),
  everyCharacter: defineFunction('everyCharacter', [
    overload('String, Function', (s: string, fn: DwFunction) => {
      for (const c of s) if (!test(fn, 'everyCharacter', c)) return false;
      return true;
    }),
    overload('Null, Function', () => true),
  ]),
  someCharacter: defineFunction('someCharacter', [
    overload('String, Function', (s: string, fn: DwFunction) => {
      for (const c of s) if (test(fn, 'someCharacter', c)) return true;
      return false;
    }),
    overload('Null, Function', () => false),
  ]),
  mapString: defineFunction('mapString', [
    overload('String, Function', (s: string, fn: DwFunction) => {
      let out = '';
      let i = 0;
      for (const c of s) out += asText(call(fn, c, i++), 'mapString');
      return out;
    }),
    overload('Null, Function', () => null),
  ]),
  substringBy: defineFunction('substringBy', [
    overload('String, Function', (s: string, fn: DwFunction) => {
      const out: string[] = [];
      let current = '';
      let i = 0;
      for (const c of s) {
        if (test(fn, 'substringBy', c, i++)) {
          out.push(current);
          current = '';
        } else current += c;
      }
      out.push(current);
      return out;
    }),
    overload('Null, Function', () => null),
  ]),

  hammingDistance: defineFunction('hammingDistance', [
    overload('String, String', (a: string, b: string) => {
      if (a.length !== b.length) return null;
      let n = 0;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
      return n;
    }),
  ]),
  levenshteinDistance: defineFunction('levenshteinDistance', [overload('String, String', (a: string, b: string) => levenshtein(a, b))]),
};

/** The edit distance, one row of the table at a time. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
