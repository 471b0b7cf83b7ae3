/**
 * DataWeave's dates and times on js-joda (a port of java.time, so a format pattern means exactly
 * what Java's DateTimeFormatter makes of it). The compiler and the library call these; the parts
 * live in the files beside this one:
 *
 * - iso.ts: ISO text (literals, Strings coerced without a format); period.ts: the Period type
 * - text.ts: default text and format patterns; parse.ts: Strings read with or without a pattern
 * - arith.ts: `+` and `-`; concat.ts: `++` between date parts and `>>`; fields.ts: `.year` …
 * - convert.ts: between date types and numbers, `now()`; zones.ts: time zones
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
