/**
 * DataWeave's dates and times on js-joda (a port of java.time, so a format pattern means exactly
 * what Java's DateTimeFormatter makes of it). The compiler and the library call these; the parts
 * live in the files beside this one:
 *
 * - iso.ts: ISO text (literals, Strings coerced without a format); period.ts: the Period type
 * - default-text.ts, text.ts: default text and format patterns; parse.ts: Strings read as dates
 * - arith.ts: `+` and `-`; concat.ts: `++` between date parts and `>>`; fields.ts: `.year` …
 * - convert.ts: between date types and numbers, `now()`; zones.ts: time zones
 * - modules/: dw::core::Dates and dw::core::Periods
 *
 * Decisions where DataWeave's documentation is silent, and known differences:
 * - `|P1DT2H|` is a Duration of 26 hours (java.time's Duration.parse) and prints `PT26H`; years or
 *   months next to a time part (`|P1MT2H|`) are refused: a Period value is a Period or a Duration.
 * - A DateTime prints with its offset only (`…-03:00`), never `[America/Buenos_Aires]`, as the
 *   JSON writer prints `now()`; seconds always print, a fraction in groups of three (`.700`).
 * - A value without a zone given one (`|2003-10-01| as DateTime`, a LocalDateTime String as
 *   DateTime, `as Number`) takes the machine's zone; `Time`/`++`/`time()` with a region use its
 *   offset now. A pattern without a zone read `as DateTime` fails, as in Mule.
 * - Text fields of patterns are English (en-US) whatever the locale. Zone names (`z`, `zzzz`) are
 *   js-joda's generic ones: `PT` where the JDK prints `PDT`, the region id where it has no name.
 * - A time of day takes time-based periods only (`|10:00| + |P1D|` fails, as java.time's plus does);
 *   a Date moves by whole days of a Duration only. Duration + Duration is a Duration (`PT59S`), where the
 *   Periods docs show a bare 59 for `duration({minutes: 1}) + duration({seconds: -1})`.
 */
import type { TemporalType } from '../ast.js';
import { describe } from '../values/describe.js';
import { DataWeaveEvaluationError, fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { readIso } from './iso.js';
import { reason } from './text.js';
import { defaultText, formatWith } from './text.js';

export { temporalMinus, temporalPlus } from './arith.js';
export { temporalConcat, temporalShift } from './concat.js';
export { convertTemporal, now, numberToTemporal, temporalToNumber } from './convert.js';
export { temporalField } from './fields.js';
export { parseTemporal } from './parse.js';
export { systemZone } from './zones.js';

/** The value of a `|…|` literal of the type the lexer recognised. Throws (DataWeaveEvaluationError) on a malformed one. */
export function temporalLiteral(type: TemporalType, text: string): DwValue {
  let v: DwValue | undefined;
  try {
    v = readIso(text, type);
  } catch (e) {
    if (e instanceof DataWeaveEvaluationError) throw e;
    return fail(`Invalid date literal |${text}|: ${reason(e)}`);
  }
  return v ?? fail(`Invalid date literal |${text}|: not a ${type}`);
}

/**
 * `d as String {format?, locale?}`; without a format, DataWeave's default text of the value. The
 * locale is accepted and English used whatever it names (flowrt ships en-US text only).
 */
export function formatTemporal(v: DwValue, format?: string, _locale?: string): string {
  if (format !== undefined) return formatWith(v, format);
  return defaultText(v) ?? fail(`Cannot coerce ${describe(v)} to String: not a date, time or period`);
}
