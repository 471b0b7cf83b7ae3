/*
 * Reading integers and timestamps with F&O pictures, the inverse of formatting them
 * (datetime.js generateRegex, parseInteger, parseDateTime): each picture part becomes a regex
 * group and a parser of what it matched.
 */
import { JsonataError } from '../values.js';
import { dateComponent } from './date-components.js';
import { analyseDateTimePicture, DAYS, MONTHS, type Marker } from './date-picture.js';
import { analyseIntegerPicture, type IntegerFormat, type Separator } from './integer-picture.js';
import { lettersToDecimal, romanToDecimal, WORD_NAMES, wordsToNumber } from './integer-words.js';

interface PartMatcher {
  regex: string;
  parse?: (value: string) => number | undefined;
  component?: string;
}

function integerMatcher(format: IntegerFormat): PartMatcher {
  const isUpper = format.case === 'upper';
  switch (format.primary) {
    case 'letters':
      return { regex: isUpper ? '[A-Z]+' : '[a-z]+', parse: (v) => lettersToDecimal(v, isUpper ? 'A' : 'a') };
    case 'roman':
      return { regex: isUpper ? '[MDCLXVI]+' : '[mdclxvi]+', parse: (v) => romanToDecimal(isUpper ? v : v.toUpperCase()) };
    case 'words':
      return { regex: `(?:${[...WORD_NAMES, 'and', '[\\-, ]'].join('|')})+`, parse: (v) => wordsToNumber(v.toLowerCase()) };
    case 'decimal': {
      const regex = `[0-9]${format.parseWidth ? `{${format.parseWidth}}` : '+'}${format.ordinal ? '(?:th|st|nd|rd)' : ''}`;
      return { regex, parse: (v) => decimalValue(v, format) };
    }
    default:
      throw new JsonataError('D3130', `Formatting or parsing an integer as a sequence starting with ${format.token} is not supported by this implementation`, {
        value: format.token,
      });
  }
}

function decimalValue(value: string, format: IntegerFormat): number {
  let digits = format.ordinal ? value.substring(0, value.length - 2) : value;
  if (format.regular) digits = digits.split(',').join('');
  else for (const sep of format.groupingSeparators as Separator[]) digits = digits.split(sep.character).join('');
  if (format.zeroCode !== 0x30) digits = [...digits].map((c) => String.fromCodePoint(c.codePointAt(0)! - format.zeroCode! + 0x30)).join('');
  return parseInt(digits);
}

/**
 * @example
 * parseInteger('twelve thousand, four hundred and seventy-six', 'w'); // 12476
 */
export function parseInteger(value: string | undefined, picture: string): number | undefined {
  if (value === undefined) return undefined;
  return integerMatcher(analyseIntegerPicture(picture)).parse!(value);
}

function partMatcher(part: Marker): PartMatcher {
  if (part.component === 'Z' || part.component === 'z') return zoneMatcher(part);
  if (part.component === 'f') return { regex: '[0-9]+', parse: (v) => parseFloat('0.' + v.substring(0, 3)) * 1000 };
  if (part.integerFormat) return integerMatcher(part.integerFormat);
  const names: Record<string, number> = Object.create(null) as Record<string, number>;
  const cut = (n: string): string => (part.width?.max ? n.substring(0, part.width.max) : n);
  if (part.component === 'M' || part.component === 'x') MONTHS.forEach((n, i) => (names[cut(n)] = i + 1));
  else if (part.component === 'F') DAYS.forEach((n, i) => i > 0 && (names[cut(n)] = i));
  else if (part.component === 'P') Object.assign(names, { am: 0, AM: 0, pm: 1, PM: 1 });
  else {
    throw new JsonataError('D3133', `The 'name' modifier can only be applied to months and days in the date/time picture string, not ${part.component}`, {
      value: part.component,
    });
  }
  return { regex: '[a-zA-Z]+', parse: (v) => names[v] };
}

/** An offset as ±H, ±HH, ±HHMM or ±HH:MM (after GMT for z), in minutes. */
function zoneMatcher(part: Marker): PartMatcher {
  const grouping = part.integerFormat!.groupingSeparators;
  const separator = Array.isArray(grouping) ? undefined : grouping;
  let regex = part.component === 'z' ? 'GMT' : '';
  regex += '[-+][0-9]+' + (separator ? separator.character + '[0-9]+' : '');
  const parse = (text: string): number => {
    const value = part.component === 'z' ? text.substring(3) : text;
    let hours: number;
    let minutes = 0;
    if (separator) {
      hours = parseInt(value.substring(0, value.indexOf(separator.character)));
      minutes = parseInt(value.substring(value.indexOf(separator.character) + 1));
    } else if (value.length - 1 <= 2) hours = parseInt(value);
    else {
      hours = parseInt(value.substring(0, 3));
      minutes = parseInt(value.substring(3));
    }
    return hours * 60 + minutes;
  };
  return { regex, parse };
}

// Which components together name a date or a time: bit masks over 'YXMxWwdD' and 'PHhmsf' (datetime.js).
const DATE_A = 161; // Y M D
const DATE_B = 130; // Y d
const DATE_C = 84; // X x w
const DATE_D = 72; // X W
const TIME_A = 23; // H m s f
const TIME_B = 47; // P h m s f

function maskOf(components: Record<string, number | undefined>, letters: string): number {
  let mask = 0;
  for (const c of letters) mask = (mask << 1) + (components[c] ? 1 : 0);
  return mask;
}

const isType = (type: number, mask: number): boolean => !(~type & mask) && !!(type & mask);

/** A timestamp read with `picture`; components left out default to `now`'s (the larger ones) or to their start. */
export function parseDateTime(timestamp: string, picture: string, now: Date): number | undefined {
  const parts = analyseDateTimePicture(picture).map((part): PartMatcher => {
    if (part.type === 'literal') return { regex: part.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
    return { ...partMatcher(part), component: part.component };
  });
  const info = new RegExp('^' + parts.map((p) => `(${p.regex})`).join('') + '$', 'i').exec(timestamp);
  if (info === null) return undefined;
  const components: Record<string, number | undefined> = Object.create(null) as Record<string, number | undefined>;
  for (let i = 1; i < info.length; i++) {
    const part = parts[i - 1]!;
    if (part.parse) components[part.component!] = part.parse(info[i]!);
  }
  if (Object.getOwnPropertyNames(components).length === 0) return undefined;
  const dateMask = maskOf(components, 'YXMxWwdD');
  const dateA = isType(DATE_A, dateMask);
  const dateB = !dateA && isType(DATE_B, dateMask);
  const dateC = isType(DATE_C, dateMask);
  const dateD = !dateC && isType(DATE_D, dateMask);
  const timeMask = maskOf(components, 'PHhmsf');
  const timeB = !isType(TIME_A, timeMask) && isType(TIME_B, timeMask);
  const comps = (dateB ? 'YD' : dateC ? 'XxwF' : dateD ? 'XWF' : 'YMD') + (timeB ? 'Phmsf' : 'Hmsf');
  let startSpecified = false;
  let endSpecified = false;
  for (const part of comps) {
    if (components[part] === undefined) {
      if (startSpecified) {
        components[part] = 'MDd'.includes(part) ? 1 : 0;
        endSpecified = true;
      } else components[part] = dateComponent(now, part) as number;
    } else {
      startSpecified = true;
      if (endSpecified) throw missing();
    }
  }
  const c = components as Record<string, number>;
  c.M = c.M! > 0 ? c.M! - 1 : 0; // Date.UTC counts months from 0
  if (dateB) {
    const derived = new Date(Date.UTC(c.Y!, 0) + (c.d! - 1) * 1000 * 60 * 60 * 24);
    c.M = derived.getUTCMonth();
    c.D = derived.getUTCDate();
  }
  if (dateC || dateD) throw missing();
  if (timeB) c.H = (c.h === 12 ? 0 : c.h!) + (c.P === 1 ? 12 : 0);
  let millis = Date.UTC(c.Y!, c.M, c.D!, c.H!, c.m!, c.s!, c.f!);
  if (c.Z || c.z) millis -= (c.Z || c.z)! * 60 * 1000;
  return millis;
}

function missing(): JsonataError {
  return new JsonataError('D3136', 'The date/time picture string is missing specifiers required to parse the timestamp');
}
