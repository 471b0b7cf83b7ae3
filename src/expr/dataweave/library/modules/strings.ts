import type { DwRegex } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { toDouble } from '../../values/numbers.js';
import type { FunctionTable, Overload } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { STRINGS_CASE } from './strings-case.js';
import { STRINGS_CHARS } from './strings-chars.js';

/**
 * dw::core::Strings: the functions on whole strings (affixes, padding, substrings). Indexes and
 * lengths count UTF-16 code units, as Java's String does. Each takes null for the text and answers
 * null, as the module's `Null` overloads do.
 */

/** `(String, …)` and `(Null, …)` overloads of a function whose other parameters are `rest`. */
function textFn(name: string, rest: string, impl: (text: string, ...args: never[]) => string | number | string[] | null): ReturnType<typeof defineFunction> {
  const others = rest === '' ? '' : `, ${rest}`;
  const nullRest = rest === '' ? '' : `, ${rest.replace(/[A-Za-z| ]+(\?)?/g, 'Any$1')}`;
  const overloads: Overload[] = [overload(`String${others}`, impl), overload(`Null${nullRest}`, () => null)];
  return defineFunction(name, overloads);
}

/** A count argument: "decimals are rounded down". */
const floor = (n: Num): number => Math.floor(toDouble(n));

function pad(text: string, size: number, padText: string, left: boolean): string {
  if (padText === '' || text.length >= size) return text;
  // Whole pad texts are added until the size is reached: a pad text longer than one character can overshoot it.
  const fill = padText.repeat(Math.ceil((size - text.length) / padText.length));
  return left ? fill + text : text + fill;
}

function substringAfter(text: string, sep: string): string {
  const i = text.indexOf(sep);
  return i < 0 ? '' : text.slice(i + sep.length);
}

function substringAfterLast(text: string, sep: string): string | null {
  // Documented: an empty separator answers null here (and "" or the text in the other three).
  if (sep === '') return null;
  const i = text.lastIndexOf(sep);
  return i < 0 ? '' : text.slice(i + sep.length);
}

function substringBefore(text: string, sep: string): string {
  if (sep === '') return '';
  const i = text.indexOf(sep);
  return i < 0 ? '' : text.slice(0, i);
}

function substringBeforeLast(text: string, sep: string): string {
  // The documented answer for an empty separator drops the last character ("abc" → "ab").
  if (sep === '') return text.slice(0, -1);
  const i = text.lastIndexOf(sep);
  return i < 0 ? '' : text.slice(0, i);
}

/** The text without the wrapper at both ends; a text not wrapped on both sides comes back as it is. */
function unwrap(text: string, wrapper: string): string {
  if (wrapper === '' || text.length < 2 * wrapper.length || !text.startsWith(wrapper) || !text.endsWith(wrapper)) return text;
  return text.slice(wrapper.length, text.length - wrapper.length);
}

function countMatches(text: string, pattern: string | DwRegex): number {
  if (typeof pattern === 'string') {
    if (pattern === '') return 0;
    let n = 0;
    for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + pattern.length)) n++;
    return n;
  }
  let n = 0;
  const re = pattern.global();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    n++;
    if (m[0] === '') re.lastIndex++;
  }
  return n;
}

const BASIC: FunctionTable = {
  appendIfMissing: textFn('appendIfMissing', 'String', (t: string, s: string) => (t.endsWith(s) ? t : t + s)),
  prependIfMissing: textFn('prependIfMissing', 'String', (t: string, p: string) => (t.startsWith(p) ? t : p + t)),
  wrapWith: textFn('wrapWith', 'String', (t: string, w: string) => w + t + w),
  wrapIfMissing: textFn('wrapIfMissing', 'String', (t: string, w: string) => {
    // The docs wrap "" with "'" as "'", and leave "/" wrapped with "/" as it is.
    if (t === '') return w;
    return (t.startsWith(w) ? '' : w) + t + (t.endsWith(w) ? '' : w);
  }),
  unwrap: textFn('unwrap', 'String', unwrap),
  first: textFn('first', 'Number', (t: string, n: Num) => t.slice(0, Math.max(0, floor(n)))),
  last: textFn('last', 'Number', (t: string, n: Num) => {
    const k = floor(n);
    return k <= 0 ? '' : t.slice(Math.max(0, t.length - k));
  }),
  leftPad: textFn('leftPad', 'Number, String?', (t: string, n: Num, p?: string) => pad(t, floor(n), p ?? ' ', true)),
  rightPad: textFn('rightPad', 'Number, String?', (t: string, n: Num, p?: string) => pad(t, floor(n), p ?? ' ', false)),
  repeat: textFn('repeat', 'Number', (t: string, n: Num) => t.repeat(Math.max(0, floor(n)))),
  reverse: textFn('reverse', '', (t: string) => Array.from(t).reverse().join('')),
  remove: textFn('remove', 'String', (t: string, r: string) => (r === '' ? t : t.split(r).join(''))),
  replaceAll: textFn('replaceAll', 'String, String', (t: string, target: string, by: string) => (target === '' ? t : t.split(target).join(by))),
  withMaxSize: textFn('withMaxSize', 'Number', (t: string, n: Num) => {
    const max = floor(n);
    // The docs show a maximum of 0 leaving the text as it is.
    return max > 0 && t.length > max ? t.slice(0, max) : t;
  }),
  substring: textFn('substring', 'Number, Number', (t: string, from: Num, until: Num) => {
    const a = Math.max(0, floor(from));
    const b = Math.min(t.length, floor(until));
    return a >= b ? '' : t.slice(a, b);
  }),
  substringAfter: textFn('substringAfter', 'String', substringAfter),
  substringAfterLast: textFn('substringAfterLast', 'String', substringAfterLast),
  substringBefore: textFn('substringBefore', 'String', substringBefore),
  substringBeforeLast: textFn('substringBeforeLast', 'String', substringBeforeLast),
  substringEvery: textFn('substringEvery', 'Number', (t: string, n: Num) => {
    const size = Math.max(1, floor(n));
    const out: string[] = [];
    for (let i = 0; i < t.length; i += size) out.push(t.slice(i, i + size));
    return out;
  }),
  lines: textFn('lines', '', (t: string) => t.split(/\r\n|\r|\n/)),
  words: textFn('words', '', (t: string) => t.split(/\s+/).filter((w) => w !== '')),
  countMatches: textFn('countMatches', 'String | Regex', countMatches),
};

export const STRINGS: FunctionTable = { ...BASIC, ...STRINGS_CHARS, ...STRINGS_CASE };
