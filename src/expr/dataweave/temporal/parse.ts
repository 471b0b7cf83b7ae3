/**
 * Strings read as dates: `"…" as Date {format: "dd/MM/yyyy"}`, and without a format the ISO forms
 * (any of them: a DateTime string read `as Date` keeps its date, a Date string read `as DateTime`
 * starts at midnight in the machine's zone).
 */
import { DateTimeFormatter, LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime } from '@js-joda/core';
import type { TemporalType } from '../ast.js';
import { describe } from '../values/describe.js';
import { DataWeaveEvaluationError, fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { convertTemporal } from './convert.js';
import { readAnyIso, readIso } from './iso.js';
import { formatter, reason } from './text.js';
import { parseZone } from './zones.js';

function parseWith(text: string, type: TemporalType, f: DateTimeFormatter): DwValue {
  switch (type) {
    case 'Date':
      return LocalDate.parse(text, f);
    case 'DateTime':
      // java.time's ZonedDateTime.parse: a pattern without a zone or offset cannot give a DateTime.
      return ZonedDateTime.parse(text, f);
    case 'LocalDateTime':
      return LocalDateTime.parse(text, f);
    case 'LocalTime':
      return LocalTime.parse(text, f);
    case 'Time':
      return OffsetTime.parse(text, f);
    case 'TimeZone': {
      const z = parseZone(text);
      if (!z) throw new Error(`Unknown time-zone ID: ${text}`);
      return z;
    }
    case 'Period':
      return readIso(text, 'Period') ?? fail(`Text '${text}' cannot be parsed to a Period`);
  }
}

/** `text as type {format?}`. */
export function parseTemporal(text: string, type: TemporalType, format?: string, _locale?: string): DwValue {
  const shown = describe(text);
  try {
    if (format !== undefined) return parseWith(text, type, formatter(format));
    const exact = readIso(text, type);
    if (exact !== undefined) return exact;
    const other = readAnyIso(text);
    if (other !== undefined && type !== 'Period' && type !== 'TimeZone') return convertTemporal(other, type);
  } catch (e) {
    if (e instanceof DataWeaveEvaluationError && /^(Invalid date format|Invalid Period)/.test(e.message)) throw e;
    const why = reason(e);
    // The usual surprise: a pattern without a zone gives a LocalDateTime, never a DateTime.
    const hint = type === 'DateTime' && why.includes('Unable to obtain ZonedDateTime') ? ' (the format has no zone or offset: read it as LocalDateTime)' : '';
    return fail(`Cannot coerce ${shown} to ${type}${format !== undefined ? ` with format "${format}"` : ''}, caused by: ${why}${hint}`);
  }
  return fail(`Cannot coerce ${shown} to ${type}, caused by: Text '${text}' could not be parsed as ${article(type)} ${type}`);
}

function article(type: string): string {
  return /^[AEIOU]/.test(type) ? 'an' : 'a';
}
