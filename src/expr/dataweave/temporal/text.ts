/** Dates as text with a DateTimeFormatter pattern (the default text is in default-text.ts). */
import { DateTimeFormatter, LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime, ZoneId } from '@js-joda/core';
import { Locale } from '@js-joda/locale_en-us';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { defaultText } from './default-text.js';
import { isPeriod } from './period.js';

export { defaultText, timeText } from './default-text.js';

const formatters = new Map<string, DateTimeFormatter>();

/**
 * The formatter of a pattern, as Java's DateTimeFormatter.ofPattern makes it (SMART resolving, so
 * `31/02/2020` reads as the last day of February, as in Mule). Text fields (`MMM`, `EEEE`, `a`)
 * are English whatever `locale` says: flowrt ships the en-US data only.
 */
export function formatter(pattern: string): DateTimeFormatter {
  let f = formatters.get(pattern);
  if (!f) {
    try {
      f = DateTimeFormatter.ofPattern(pattern).withLocale(Locale.US);
    } catch (e) {
      return fail(`Invalid date format "${pattern}": ${reason(e)}`);
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(pattern, f);
  }
  return f;
}

/**
 * The one-line reason of a js-joda error, in java.time's words: js-joda appends the parsed text,
 * the index and a stack of causes that Java's messages do not carry.
 */
export function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const first = msg.split('\n')[0]!.trim();
  return first.replace(/: [^:]*, at index: \d+$/, '');
}

type Formattable = LocalDate | LocalDateTime | ZonedDateTime | LocalTime | OffsetTime;

/** `v as String {format}`; a zone or a period ignores the format, as it has no fields to print. */
export function formatWith(v: DwValue, pattern: string): string {
  if (v instanceof ZoneId || isPeriod(v)) return defaultText(v)!;
  const f = formatter(pattern);
  try {
    return (v as Formattable).format(f);
  } catch (e) {
    return fail(`Cannot coerce ${describe(v)} to String with format "${pattern}", caused by: ${reason(e)}`);
  }
}
