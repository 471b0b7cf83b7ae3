/*
 * $formatNumber and $formatBase. $formatNumber follows XPath F&O 3.1 fn:format-number
 * (§4.7: picture validated per §4.7.3, analysed per §4.7.4, formatted per §4.7.5's bullets),
 * as functions.js implements it, with the decimal format's properties overridable by `options`.
 */
import { JsonataError, type Builtin } from '../values.js';
import { round } from './numbers.js';

const DEFAULTS: Readonly<Record<string, string>> = {
  'decimal-separator': '.',
  'grouping-separator': ',',
  'exponent-separator': 'e',
  infinity: 'Infinity',
  'minus-sign': '-',
  NaN: 'NaN',
  percent: '%',
  'per-mille': '\u2030',
  'zero-digit': '0',
  digit: '#',
  'pattern-separator': ';',
};

const MESSAGES: Readonly<Record<string, string>> = {
  D3080: 'The picture string must only contain a maximum of two sub-pictures',
  D3081: "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
  D3082: "The sub-picture must not contain more than one instance of the 'percent' character",
  D3083: "The sub-picture must not contain more than one instance of the 'per-mille' character",
  D3084: "The sub-picture must not contain both a 'percent' and a 'per-mille' character",
  D3085:
    "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
  D3086: 'The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character',
  D3087: "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
  D3088: "The sub-picture must not contain a 'grouping-separator' at the end of the integer part",
  D3089: "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
  D3090:
    "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
  D3091:
    "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
  D3092: "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
  D3093: "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
};

function fail(code: string): never {
  throw new JsonataError(code, MESSAGES[code] ?? code);
}

interface Parts {
  prefix: string;
  suffix: string;
  activePart: string;
  mantissaPart: string;
  exponentPart: string | undefined;
  integerPart: string;
  fractionalPart: string;
  subpicture: string;
}

interface Picture {
  integerPartGroupingPositions: number[];
  regularGrouping: number;
  minimumIntegerPartSize: number;
  scalingFactor: number;
  prefix: string;
  fractionalPartGroupingPositions: number[];
  minimumFactionalPartSize: number;
  maximumFactionalPartSize: number;
  minimumExponentSize: number;
  suffix: string;
  picture: string;
}

/** The decimal format: properties, its ten digits, and its active characters. */
class Format {
  readonly digits: string[] = [];
  readonly active: string[];
  constructor(readonly p: Record<string, string>) {
    const zero = p['zero-digit']!.charCodeAt(0);
    for (let c = zero; c < zero + 10; c++) this.digits.push(String.fromCharCode(c));
    this.active = [...this.digits, p['decimal-separator']!, p['exponent-separator']!, p['grouping-separator']!, p.digit!, p['pattern-separator']!];
  }
  isDigit(ch: string): boolean {
    return this.digits.includes(ch);
  }
  count(text: string, test: (ch: string) => boolean): number {
    return text.split('').filter(test).length;
  }
}

/** Prefix, suffix, mantissa, exponent, integer and fractional parts of a sub-picture. */
function splitParts(f: Format, subpicture: string): Parts {
  const isActive = (ch: string): boolean => f.active.includes(ch) && ch !== f.p['exponent-separator'];
  let first = subpicture.length;
  for (let i = 0; i < subpicture.length; i++) {
    if (isActive(subpicture.charAt(i))) {
      first = i;
      break;
    }
  }
  const prefix = first === subpicture.length ? '' : subpicture.substring(0, first);
  let suffix = '';
  for (let i = subpicture.length - 1; i >= 0; i--) {
    if (isActive(subpicture.charAt(i))) {
      suffix = subpicture.substring(i + 1);
      break;
    }
  }
  const activePart = subpicture.substring(prefix.length, subpicture.length - suffix.length);
  let mantissaPart = activePart;
  let exponentPart: string | undefined;
  const exponentPosition = subpicture.indexOf(f.p['exponent-separator']!, prefix.length);
  if (exponentPosition !== -1 && exponentPosition <= subpicture.length - suffix.length) {
    mantissaPart = activePart.substring(0, exponentPosition);
    exponentPart = activePart.substring(exponentPosition + 1);
  }
  const decimalPosition = mantissaPart.indexOf(f.p['decimal-separator']!);
  const integerPart = decimalPosition === -1 ? mantissaPart : mantissaPart.substring(0, decimalPosition);
  const fractionalPart = decimalPosition === -1 ? suffix : mantissaPart.substring(decimalPosition + 1);
  return { prefix, suffix, activePart, mantissaPart, exponentPart, integerPart, fractionalPart, subpicture };
}

/** F&O 4.7.3; like functions.js, the last rule broken is the one reported. */
function validate(f: Format, parts: Parts): void {
  const p = f.p;
  const sub = parts.subpicture;
  const once = (ch: string): boolean => sub.indexOf(ch) === sub.lastIndexOf(ch);
  let error: string | undefined;
  const decimalPos = sub.indexOf(p['decimal-separator']!);
  if (!once(p['decimal-separator']!)) error = 'D3081';
  if (!once(p.percent!)) error = 'D3082';
  if (!once(p['per-mille']!)) error = 'D3083';
  if (sub.includes(p.percent!) && sub.includes(p['per-mille']!)) error = 'D3084';
  if (!parts.mantissaPart.split('').some((ch) => f.isDigit(ch) || ch === p.digit)) error = 'D3085';
  if (parts.activePart.split('').some((ch) => !f.active.includes(ch))) error = 'D3086';
  if (decimalPos !== -1) {
    if (sub.charAt(decimalPos - 1) === p['grouping-separator'] || sub.charAt(decimalPos + 1) === p['grouping-separator']) error = 'D3087';
  } else if (parts.integerPart.charAt(parts.integerPart.length - 1) === p['grouping-separator']) error = 'D3088';
  if (sub.includes(p['grouping-separator']! + p['grouping-separator']!)) error = 'D3089';
  let optional = parts.integerPart.indexOf(p.digit!);
  if (optional !== -1 && f.count(parts.integerPart.substring(0, optional), (ch) => f.isDigit(ch)) > 0) error = 'D3090';
  optional = parts.fractionalPart.lastIndexOf(p.digit!);
  if (optional !== -1 && f.count(parts.fractionalPart.substring(optional), (ch) => f.isDigit(ch)) > 0) error = 'D3091';
  const exponentExists = typeof parts.exponentPart === 'string';
  if (exponentExists && parts.exponentPart!.length > 0 && (sub.includes(p.percent!) || sub.includes(p['per-mille']!))) error = 'D3092';
  if (exponentExists && (parts.exponentPart!.length === 0 || f.count(parts.exponentPart!, (ch) => !f.isDigit(ch)) > 0)) error = 'D3093';
  if (error) fail(error);
}

/** F&O 4.7.4: grouping positions and the minimum and maximum sizes of each part. */
function analyse(f: Format, parts: Parts): Picture {
  const p = f.p;
  const digitOrOptional = (ch: string): boolean => f.isDigit(ch) || ch === p.digit;
  const groupingPositions = (part: string, toLeft: boolean): number[] => {
    const positions: number[] = [];
    let at = part.indexOf(p['grouping-separator']!);
    while (at !== -1) {
      positions.push(f.count(toLeft ? part.substring(0, at) : part.substring(at), digitOrOptional));
      // As functions.js does: the next separator is looked for in the integer part, whichever part this is.
      at = parts.integerPart.indexOf(p['grouping-separator']!, at + 1);
    }
    return positions;
  };
  const integerPartGroupingPositions = groupingPositions(parts.integerPart, false);
  let minimumIntegerPartSize = f.count(parts.integerPart, (ch) => f.isDigit(ch));
  const scalingFactor = minimumIntegerPartSize;
  let minimumFactionalPartSize = f.count(parts.fractionalPart, (ch) => f.isDigit(ch));
  let maximumFactionalPartSize = f.count(parts.fractionalPart, digitOrOptional);
  const exponentPresent = typeof parts.exponentPart === 'string';
  if (minimumIntegerPartSize === 0 && maximumFactionalPartSize === 0) {
    if (exponentPresent) {
      minimumFactionalPartSize = 1;
      maximumFactionalPartSize = 1;
    } else minimumIntegerPartSize = 1;
  }
  if (exponentPresent && minimumIntegerPartSize === 0 && parts.integerPart.includes(p.digit!)) minimumIntegerPartSize = 1;
  if (minimumIntegerPartSize === 0 && minimumFactionalPartSize === 0) minimumFactionalPartSize = 1;
  return {
    integerPartGroupingPositions,
    regularGrouping: regular(integerPartGroupingPositions),
    minimumIntegerPartSize,
    scalingFactor,
    prefix: parts.prefix,
    fractionalPartGroupingPositions: groupingPositions(parts.fractionalPart, true),
    minimumFactionalPartSize,
    maximumFactionalPartSize,
    minimumExponentSize: exponentPresent ? f.count(parts.exponentPart!, (ch) => f.isDigit(ch)) : 0,
    suffix: parts.suffix,
    picture: parts.subpicture,
  };
}

/** The interval of regularly spaced grouping positions, or 0 when they are not regular. */
function regular(indexes: number[]): number {
  if (indexes.length === 0) return 0;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const factor = indexes.reduce(gcd);
  for (let i = 1; i <= indexes.length; i++) if (!indexes.includes(i * factor)) return 0;
  return factor;
}

/**
 * @example
 * formatNumber(1234.5678, '#,##0.00'); // '1,234.57'
 * formatNumber(0.14, '01%'); // '14%'
 */
export function formatNumber(value: number | undefined, picture: string, options?: Record<string, string>): string | undefined {
  if (value === undefined) return undefined;
  const f = new Format({ ...DEFAULTS, ...(options ?? {}) });
  const subPictures = picture.split(f.p['pattern-separator']!);
  if (subPictures.length > 2) fail('D3080');
  const parts = subPictures.map((sub) => splitParts(f, sub));
  for (const part of parts) validate(f, part);
  const pictures = parts.map((part) => analyse(f, part));
  if (pictures.length === 1) pictures.push({ ...pictures[0]!, prefix: f.p['minus-sign']! + pictures[0]!.prefix });
  return format(f, value >= 0 ? pictures[0]! : pictures[1]!, value);
}

/** F&O 4.7.5, bullets 3 to 14. */
function format(f: Format, pic: Picture, value: number): string {
  const p = f.p;
  const zero = p['zero-digit']!;
  const decimalSeparator = p['decimal-separator']!;
  const grouping = p['grouping-separator']!;
  let adjusted = value;
  if (pic.picture.includes(p.percent!)) adjusted = value * 100;
  else if (pic.picture.includes(p['per-mille']!)) adjusted = value * 1000;
  let mantissa = adjusted;
  let exponent: number | undefined;
  if (pic.minimumExponentSize !== 0) {
    const maxMantissa = Math.pow(10, pic.scalingFactor);
    const minMantissa = Math.pow(10, pic.scalingFactor - 1);
    exponent = 0;
    // F&O: a zero mantissa has a zero exponent (comparing signed values looped forever on 0 and negatives).
    if (mantissa !== 0) {
      while (Math.abs(mantissa) < minMantissa) {
        mantissa *= 10;
        exponent -= 1;
      }
      while (Math.abs(mantissa) > maxMantissa) {
        mantissa /= 10;
        exponent += 1;
      }
    }
  }
  const rounded = round(mantissa, pic.maximumFactionalPartSize)!;
  const digits = (n: number, dp: number): string => {
    const text = Math.abs(n).toFixed(dp);
    return zero === '0' ? text : text.replace(/[0-9]/g, (d) => f.digits[d.charCodeAt(0) - 48]!);
  };
  let s = digits(rounded, pic.maximumFactionalPartSize);
  s = s.includes('.') ? s.replace('.', decimalSeparator) : s + decimalSeparator;
  while (s.charAt(0) === zero) s = s.substring(1);
  while (s.charAt(s.length - 1) === zero) s = s.substring(0, s.length - 1);
  let decimalPos = s.indexOf(decimalSeparator);
  const padLeft = pic.minimumIntegerPartSize - decimalPos;
  const padRight = pic.minimumFactionalPartSize - (s.length - decimalPos - 1);
  s = (padLeft > 0 ? zero.repeat(padLeft) : '') + s + (padRight > 0 ? zero.repeat(padRight) : '');
  decimalPos = s.indexOf(decimalSeparator);
  if (pic.regularGrouping > 0) {
    const groupCount = Math.floor((decimalPos - 1) / pic.regularGrouping);
    for (let group = 1; group <= groupCount; group++) {
      const at = decimalPos - group * pic.regularGrouping;
      s = s.slice(0, at) + grouping + s.slice(at);
    }
  } else {
    for (const pos of pic.integerPartGroupingPositions) {
      s = s.slice(0, decimalPos - pos) + grouping + s.slice(decimalPos - pos);
      decimalPos++;
    }
  }
  decimalPos = s.indexOf(decimalSeparator);
  for (const pos of pic.fractionalPartGroupingPositions) s = s.slice(0, pos + decimalPos + 1) + grouping + s.slice(pos + decimalPos + 1);
  decimalPos = s.indexOf(decimalSeparator);
  if (!pic.picture.includes(decimalSeparator) || decimalPos === s.length - 1) s = s.substring(0, s.length - 1);
  if (exponent !== undefined) {
    let e = digits(exponent, 0);
    const pad = pic.minimumExponentSize - e.length;
    if (pad > 0) e = zero.repeat(pad) + e;
    s = s + p['exponent-separator'] + (exponent < 0 ? p['minus-sign'] : '') + e;
  }
  return pic.prefix + s + pic.suffix;
}

/** An integer in base 2 to 36 (D3100 otherwise); both rounded half to even first. */
function formatBase(value: number | undefined, radix?: number): string | undefined {
  if (value === undefined) return undefined;
  const base = radix === undefined ? 10 : round(radix)!;
  if (base < 2 || base > 36)
    throw new JsonataError('D3100', `The radix of the formatBase function must be between 2 and 36.  It was given ${base}`, { value: base });
  return round(value)!.toString(base);
}

export const FORMAT_NUMBER: Readonly<Record<string, Builtin>> = {
  formatNumber: { signature: '<n-so?:s>', impl: formatNumber },
  formatBase: { signature: '<n-n?:s>', impl: formatBase },
};
