/**
 * JSONata's `$length`, `$substring` and `$pad`, with the library's results at native speed.
 *
 * The library counts characters (code points) by splitting the whole string into an array of
 * characters, in one call no step hook can interrupt: `$length` of a 9 MB string held the event
 * loop about 0.5 s, and `$pad('', 10000000, 'ф∷')` about 4 s (it also joins an array as long as
 * the width). Strings without surrogates — nearly all — are measured and cut in UTF-16 units,
 * which are then their characters; padding is one `String.prototype.repeat`.
 *
 * `$pad` widths are limited as JSONata limits ranges (D2014, 1e7 entries): a width from a request
 * cannot ask for gigabytes.
 */
export const MAX_PAD_WIDTH = 1e7;

export interface StringFunction {
  readonly name: string;
  readonly impl: (...args: never[]) => unknown;
  /** The library's own signature of the function. */
  readonly signature: string;
}

export const STRING_FUNCTIONS: readonly StringFunction[] = [
  { name: 'length', impl: length as never, signature: '<s-:n>' },
  { name: 'substring', impl: substring as never, signature: '<s-nn?:s>' },
  { name: 'pad', impl: pad as never, signature: '<s-ns?:s>' },
];

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * @example
 * length('naïve😀'); // 6
 */
export function length(str: string | undefined): number | undefined {
  if (str === undefined) return undefined;
  return SURROGATE.test(str) ? codePoints(str, Infinity) : str.length;
}

/**
 * Characters `start` (negative: from the end) to `start + len`, as the library cuts them.
 *
 * @example
 * substring('Hello World', -5, 3); // 'Wor'
 */
export function substring(str: string | undefined, start: number, len?: number): string | undefined {
  if (str === undefined) return undefined;
  const surrogates = SURROGATE.test(str);
  const size = surrogates ? codePoints(str, Infinity) : str.length;
  const from = size + start < 0 ? 0 : start;
  let end = size;
  if (len !== undefined) {
    if (len <= 0) return '';
    end = from >= 0 ? from + len : size + from + len;
  }
  const a = sliceIndex(from, size);
  const b = sliceIndex(end, size);
  if (a >= b) return '';
  // Without surrogates a UTF-16 unit is a character; with them, the characters' unit offsets.
  if (!surrogates) return str.slice(a, b);
  const at = unitOffset(str, 0, 0, a);
  return str.slice(at, unitOffset(str, at, a, b));
}

/** Array#slice's reading of an index (ECMA-262 §23.1.3.28): relative to the end when negative, within [0, size]. */
function sliceIndex(i: number, size: number): number {
  const n = Math.trunc(i) || 0;
  return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
}

/**
 * @example
 * pad('7', -3, '0'); // '007'
 * pad('ab', 5, 'xy'); // 'abxyx'
 */
export function pad(str: string | undefined, width: number, char?: string): string | undefined {
  if (str === undefined) return undefined;
  const fill = char === undefined || char.length === 0 ? ' ' : char;
  const wanted = Math.abs(Math.trunc(width));
  if (wanted > MAX_PAD_WIDTH) throw new Error(`$pad: a width of ${wanted} characters exceeds the limit of ${MAX_PAD_WIDTH}`);
  const padLength = wanted - (SURROGATE.test(str) ? codePoints(str, wanted + 1) : str.length);
  if (padLength <= 0) return str;
  const padding = repeatTo(fill, padLength);
  return width > 0 ? str + padding : padding + str;
}

/** `padLength` characters of `fill` repeated, the last repetition cut by characters. */
function repeatTo(fill: string, padLength: number): string {
  const chars = [...fill];
  const whole = Math.floor(padLength / chars.length);
  return fill.repeat(whole) + chars.slice(0, padLength - whole * chars.length).join('');
}

/** The UTF-16 offset of character `target`, walking from character `char` at offset `from`. */
function unitOffset(s: string, from: number, char: number, target: number): number {
  let i = from;
  for (let n = char; n < target && i < s.length; n++) i += isPair(s, i) ? 2 : 1;
  return i;
}

function isPair(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const next = s.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/** Code points of `s` as `for…of` counts them (a lone surrogate is one), counting no further than `cap`. */
function codePoints(s: string, cap: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n < cap; n++) i += isPair(s, i) ? 2 : 1;
  return n;
}
