/*
 * XPath F&O 3.1 fn:format-integer (§4.6): a picture such as '#,##0', 'w', 'I' or '1;o' read into a
 * format, and integers written in it. $formatInteger, and the integer components of dates.
 */
import { JsonataError } from '../values.js';
import { decimalToLetters, decimalToRoman, numberToWords } from './integer-words.js';

export type Presentation = 'decimal' | 'letters' | 'roman' | 'words' | 'sequence';
export type LetterCase = 'upper' | 'lower' | 'title';

export interface Separator {
  position: number;
  character: string;
}

export interface IntegerFormat {
  primary: Presentation;
  case: LetterCase;
  ordinal: boolean;
  zeroCode?: number;
  mandatoryDigits?: number;
  optionalDigits?: number;
  regular?: boolean;
  groupingSeparators?: Separator | Separator[];
  /** Set on a date component followed directly by another: how many digits to read. */
  parseWidth?: number;
  token?: string;
}

// The zero of every Unicode decimal digit group in the BMP (F&O: the digits of one picture come from one group).
const DECIMAL_GROUPS = [
  0x30, 0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0,
  0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
];

/**
 * @example
 * analyseIntegerPicture('#,##0;o'); // { primary: 'decimal', ordinal: true, mandatoryDigits: 1, … }
 */
export function analyseIntegerPicture(picture: string): IntegerFormat {
  const format: IntegerFormat = { primary: 'decimal', case: 'lower', ordinal: false };
  const semicolon = picture.lastIndexOf(';');
  const primaryFormat = semicolon === -1 ? picture : picture.substring(0, semicolon);
  if (semicolon !== -1 && picture.charAt(semicolon + 1) === 'o') format.ordinal = true;
  switch (primaryFormat) {
    case 'A':
    case 'a':
      return { ...format, primary: 'letters', case: primaryFormat === 'A' ? 'upper' : 'lower' };
    case 'I':
    case 'i':
      return { ...format, primary: 'roman', case: primaryFormat === 'I' ? 'upper' : 'lower' };
    case 'W':
      return { ...format, primary: 'words', case: 'upper' };
    case 'Ww':
      return { ...format, primary: 'words', case: 'title' };
    case 'w':
      return { ...format, primary: 'words' };
    default:
      return decimalPicture(format, primaryFormat);
  }
}

function decimalPicture(format: IntegerFormat, primaryFormat: string): IntegerFormat {
  let zeroCode: number | null = null;
  let mandatoryDigits = 0;
  let optionalDigits = 0;
  let position = 0;
  const separators: Separator[] = [];
  // Read right to left, so positions count digits from the units.
  for (const ch of [...primaryFormat].reverse()) {
    const codePoint = ch.codePointAt(0)!;
    const group = DECIMAL_GROUPS.find((g) => codePoint >= g && codePoint <= g + 9);
    if (group !== undefined) {
      mandatoryDigits++;
      position++;
      if (zeroCode === null) zeroCode = group;
      else if (group !== zeroCode) throw new JsonataError('D3131', 'In a decimal digit pattern, all digits must be from the same decimal group');
    } else if (codePoint === 0x23) {
      position++;
      optionalDigits++;
    } else separators.push({ position, character: ch });
  }
  if (mandatoryDigits === 0) return { ...format, primary: 'sequence', token: primaryFormat };
  const regular = regularRepeat(separators);
  return {
    ...format,
    primary: 'decimal',
    zeroCode: zeroCode!,
    mandatoryDigits,
    optionalDigits,
    regular: regular > 0,
    groupingSeparators: regular > 0 ? { position: regular, character: separators[0]!.character } : separators,
  };
}

/** The interval of separators of one character at regular positions, or 0. */
function regularRepeat(separators: Separator[]): number {
  if (separators.length === 0) return 0;
  if (separators.some((s) => s.character !== separators[0]!.character)) return 0;
  const indexes = separators.map((s) => s.position);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const factor = indexes.reduce(gcd);
  for (let i = 1; i <= indexes.length; i++) if (!indexes.includes(i * factor)) return 0;
  return factor;
}

/**
 * @example
 * formatIntegerWith(1234, analyseIntegerPicture('#,##0')); // '1,234'
 */
export function formatIntegerWith(integer: number, format: IntegerFormat): string {
  const value = Math.abs(integer);
  let out: string;
  switch (format.primary) {
    case 'letters':
      out = decimalToLetters(value, format.case === 'upper' ? 'A' : 'a');
      break;
    case 'roman':
      out = decimalToRoman(value);
      if (format.case === 'upper') out = out.toUpperCase();
      break;
    case 'words':
      out = numberToWords(value, format.ordinal);
      if (format.case === 'upper') out = out.toUpperCase();
      else if (format.case === 'lower') out = out.toLowerCase();
      break;
    case 'decimal':
      out = decimalDigits(value, format);
      break;
    default:
      throw new JsonataError('D3130', `Formatting or parsing an integer as a sequence starting with ${format.token} is not supported by this implementation`, {
        value: format.token,
      });
  }
  return integer < 0 ? '-' + out : out;
}

function decimalDigits(value: number, format: IntegerFormat): string {
  let out = '' + value;
  const padLength = format.mandatoryDigits! - out.length;
  if (padLength > 0) out = '0'.repeat(padLength) + out;
  if (format.zeroCode !== 0x30) out = [...out].map((c) => String.fromCodePoint(c.codePointAt(0)! + format.zeroCode! - 0x30)).join('');
  if (format.regular) {
    const sep = format.groupingSeparators as Separator;
    for (let i = Math.floor((out.length - 1) / sep.position); i > 0; i--) {
      const pos = out.length - i * sep.position;
      out = out.substring(0, pos) + sep.character + out.substring(pos);
    }
  } else {
    for (const sep of (format.groupingSeparators as Separator[]).slice().reverse()) {
      const pos = out.length - sep.position;
      out = out.substring(0, pos) + sep.character + out.substring(pos);
    }
  }
  if (format.ordinal) {
    const last = out[out.length - 1]!;
    let suffix = ({ '1': 'st', '2': 'nd', '3': 'rd' } as Record<string, string>)[last];
    if (!suffix || (out.length > 1 && out[out.length - 2] === '1')) suffix = 'th';
    out += suffix;
  }
  return out;
}

/**
 * @example
 * formatInteger(1999, 'I'); // 'MCMXCIX'
 */
export function formatInteger(value: number | undefined, picture: string): string | undefined {
  if (value === undefined) return undefined;
  return formatIntegerWith(Math.floor(value), analyseIntegerPicture(picture));
}
