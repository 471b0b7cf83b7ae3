import { Decimal } from 'decimal.js';
import { fail } from '../values/eval-error.js';
import type { Num } from '../values/numbers.js';
import { decimal, normalize, parseNumber } from '../values/numbers.js';

/**
 * Java's DecimalFormat patterns, as `n as String {format: "#,##0.00"}` uses them: `0` a digit
 * always written, `#` a digit written when significant, `,` the grouping (its distance to the
 * decimal point is the group size), `.` the decimal point, `%` and `‰` scale by 100 and 1000,
 * quoted text and other characters as prefix and suffix, `;` a pattern for negatives.
 * Rounding is HALF_EVEN, DecimalFormat's default.
 */
interface Pattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly minInt: number;
  readonly group: number;
  readonly minFrac: number;
  readonly maxFrac: number;
  readonly scale: number;
  readonly negPrefix?: string;
  readonly negSuffix?: string;
}

const cache = new Map<string, Pattern>();

export function formatDecimal(n: Num, format: string, locale?: string): string {
  let p = cache.get(format);
  if (!p) {
    p = parsePattern(format);
    cache.set(format, p);
  }
  let d = decimal(n);
  if (p.scale !== 1) d = d.times(p.scale);
  const negative = d.isNegative() && !d.isZero();
  const rounded = d.abs().toDecimalPlaces(p.maxFrac, Decimal.ROUND_HALF_EVEN);
  let [int, frac = ''] = rounded.toFixed(p.maxFrac).split('.');
  while (frac.length > p.minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && p.minInt === 0) int = '';
  int = int!.padStart(p.minInt, '0');
  if (p.group > 0) int = int.replace(new RegExp(`\\B(?=(\\d{${p.group}})+$)`, 'g'), ',');
  const { group, decimal: point } = separators(locale);
  if (group !== ',') int = int.replace(/,/g, group);
  const body = int + (frac ? `${point}${frac}` : '');
  if (int === '' && frac === '') int = '0';
  const isNeg = negative && !rounded.isZero();
  if (isNeg) return (p.negPrefix ?? `-${p.prefix}`) + body + (p.negSuffix ?? p.suffix);
  return p.prefix + body + p.suffix;
}

function parsePattern(format: string): Pattern {
  const [pos, neg] = splitUnquoted(format, ';');
  const p = subpattern(pos!);
  if (neg === undefined) return p;
  const n = subpattern(neg);
  return { ...p, negPrefix: n.prefix, negSuffix: n.suffix };
}

function subpattern(s: string): Pattern {
  let i = 0;
  let prefix = '';
  let suffix = '';
  let scale = 1;
  const literal = (): string | undefined => {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) fail(`Invalid number format: ${s}`);
      const text = end === i + 1 ? "'" : s.slice(i + 1, end);
      i = end + 1;
      return text;
    }
    if (/[0#,.]/.test(c)) return undefined;
    i++;
    if (c === '%') scale = 100;
    else if (c === '\u2030') scale = 1000;
    return c;
  };
  for (let t: string | undefined; i < s.length && (t = literal()) !== undefined;) prefix += t;
  const start = i;
  while (i < s.length && /[0#,.]/.test(s[i]!)) i++;
  const digits = s.slice(start, i);
  while (i < s.length) suffix += literal() ?? s[i++];
  const [intPart = '', fracPart = ''] = digits.split('.');
  const lastComma = intPart.lastIndexOf(',');
  return {
    prefix,
    suffix,
    minInt: (intPart.match(/0/g) ?? []).length,
    group: lastComma >= 0 ? intPart.length - lastComma - 1 : 0,
    minFrac: (fracPart.match(/0/g) ?? []).length,
    maxFrac: fracPart.replace(/,/g, '').length,
    scale,
  };
}

function splitUnquoted(s: string, sep: string): string[] {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "'") quoted = !quoted;
    else if (s[i] === sep && !quoted) return [s.slice(0, i), s.slice(i + 1)];
  }
  return [s];
}

/** `"1,234.50" as Number {format: "#,##0.00"}`: the pattern's prefix, suffix and grouping are taken off before reading the number. */
export function parseDecimal(text: string, format: string): Num | undefined {
  const p = parsePattern(format);
  let t = text.trim();
  let negative = false;
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1);
  }
  if (p.prefix && t.startsWith(p.prefix)) t = t.slice(p.prefix.length);
  if (p.suffix && t.endsWith(p.suffix)) t = t.slice(0, -p.suffix.length);
  const n = parseNumber(t.replace(/,/g, ''));
  if (n === undefined) return undefined;
  let d = decimal(n);
  if (p.scale !== 1) d = d.div(p.scale);
  return normalize(negative ? d.neg() : d);
}

/** A locale's grouping and decimal separators (`de`: "." and ","), as DecimalFormatSymbols gives them; English's without one. */
function separators(locale: string | undefined): { group: string; decimal: string } {
  if (locale === undefined) return { group: ',', decimal: '.' };
  let found = symbols.get(locale);
  if (!found) {
    try {
      const parts = new Intl.NumberFormat(locale.replace(/_/g, '-')).formatToParts(1234.5);
      found = { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    } catch {
      found = { group: ',', decimal: '.' };
    }
    symbols.set(locale, found);
  }
  return found;
}

const symbols = new Map<string, { group: string; decimal: string }>();
