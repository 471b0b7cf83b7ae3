/**
 * ISO-8601 text (a `|…|` literal, or a String coerced without a format) read into DataWeave's
 * date types. Offsets may be written `-03:00`, `-0300` or `-03`; seconds and their fraction are
 * optional (`|23:57|`); a DateTime may name its region (`…-03:00[America/Buenos_Aires]`, or
 * `…T10:00[Europe/Paris]` with no offset at all).
 */
import { LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime, ZoneOffset } from '@js-joda/core';
import type { TemporalType } from '../ast.js';
import type { DwValue } from '../values/model.js';
import { parsePeriod } from './period.js';
import { parseZone } from './zones.js';

const DATE = String.raw`([+-]?\d{4,9}-\d{2}-\d{2})`;
const TIME = String.raw`(\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)`;
const OFFSET = String.raw`(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)`;
const REGION = String.raw`(?:\[([^\]]+)\])`;

const FORMS: ReadonlyArray<[RegExp, TemporalType]> = [
  [new RegExp(`^${DATE}$`), 'Date'],
  [new RegExp(`^${DATE}[Tt ]${TIME}$`), 'LocalDateTime'],
  [new RegExp(`^${DATE}[Tt ]${TIME}${OFFSET}?${REGION}?$`), 'DateTime'],
  [new RegExp(`^${TIME}$`), 'LocalTime'],
  [new RegExp(`^${TIME}${OFFSET}$`), 'Time'],
];

/** `-0300` and `-03` as `-03:00`, `z` as `Z`: the one offset form js-joda reads. */
function offsetOf(text: string): ZoneOffset {
  if (text === 'Z' || text === 'z') return ZoneOffset.UTC;
  const digits = text.slice(1).replace(/:/g, '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4) || '0');
  const s = Number(digits.slice(4, 6) || '0');
  const sign = text[0] === '-' ? -1 : 1;
  return ZoneOffset.ofHoursMinutesSeconds(sign * h, sign * m, sign * s);
}

function timeOf(text: string): LocalTime {
  return LocalTime.parse(text.replace(',', '.'));
}

/** Which temporal type ISO text is written as, or undefined when it is none of them. */
export function isoType(text: string): TemporalType | undefined {
  const t = text.trim();
  for (const [re, type] of FORMS) if (re.test(t)) return type;
  if (parsePeriodSafe(t)) return 'Period';
  if (parseZone(t) && !/^\d/.test(t)) return 'TimeZone';
  return undefined;
}

function parsePeriodSafe(t: string): boolean {
  try {
    return parsePeriod(t) !== undefined;
  } catch {
    return true;
  }
}

/**
 * The value of ISO text of the given type. Throws js-joda's DateTimeException on a value out of
 * range (`2020-13-01`); returns undefined when the text is not of that form at all.
 */
export function readIso(text: string, type: TemporalType): DwValue | undefined {
  const t = text.trim();
  switch (type) {
    case 'Period':
      return parsePeriod(t);
    case 'TimeZone':
      return parseZone(t);
    case 'Date': {
      const m = FORMS[0]![0].exec(t);
      return m ? LocalDate.parse(m[1]!) : undefined;
    }
    case 'LocalDateTime': {
      const m = FORMS[1]![0].exec(t);
      return m ? LocalDateTime.of(LocalDate.parse(m[1]!), timeOf(m[2]!)) : undefined;
    }
    case 'DateTime': {
      const m = FORMS[2]![0].exec(t);
      if (!m || (m[3] === undefined && m[4] === undefined)) return undefined;
      const local = LocalDateTime.of(LocalDate.parse(m[1]!), timeOf(m[2]!));
      const region = m[4] !== undefined ? parseZone(m[4]) : undefined;
      if (m[4] !== undefined && !region) return undefined;
      if (m[3] === undefined) return ZonedDateTime.of(local, region!);
      const offset = offsetOf(m[3]);
      // The offset fixes the instant; the region then names the zone it is seen in, as java.time reads it.
      return region ? ZonedDateTime.of(local, offset).withZoneSameInstant(region) : ZonedDateTime.of(local, offset);
    }
    case 'LocalTime': {
      const m = FORMS[3]![0].exec(t);
      return m ? timeOf(m[1]!) : undefined;
    }
    case 'Time': {
      const m = FORMS[4]![0].exec(t);
      return m ? OffsetTime.of(timeOf(m[1]!), offsetOf(m[2]!)) : undefined;
    }
  }
}

/** The value of ISO text of whichever temporal type it is written as. */
export function readAnyIso(text: string): DwValue | undefined {
  const type = isoType(text);
  return type ? readIso(text, type) : undefined;
}
