/**
 * Dates as text: DataWeave's default rendering (what `as String`, interpolation and the JSON
 * writer print) and rendering with a DateTimeFormatter pattern.
 */
import { DateTimeFormatter, LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime, ZoneId, ZoneOffset } from '@js-joda/core';
import { Locale } from '@js-joda/locale_en-us';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { isPeriod } from './period.js';

/**
 * A time of day as DataWeave writes it: seconds always (`23:57:00`, where js-joda's toString
 * would stop at `23:57`), and a fraction only when there is one, in groups of three digits
 * (`.123`, `.700`, `.123456`), which keeps a fraction as it is usually written.
 */
export function timeText(t: LocalTime): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  let s = `${two(t.hour())}:${two(t.minute())}:${two(t.second())}`;
  const nano = t.nano();
  if (nano !== 0) {
    if (nano % 1_000_000 === 0) s += '.' + String(nano / 1_000_000).padStart(3, '0');
    else if (nano % 1000 === 0) s += '.' + String(nano / 1000).padStart(6, '0');
    else s += '.' + String(nano).padStart(9, '0');
  }
  return s;
}

/**
 * The offset of a date-time or time: `Z` for UTC, `-03:00` otherwise. A DateTime in a region zone
 * is written with its offset only, as DataWeave's writers print `now()` (`…T14:20:14.271-07:00`);
 * the region stays in the value (`.timezone`, the `VV` pattern letter).
 */
function offsetText(o: ZoneOffset): string {
  return o.toString();
}

/** DataWeave's default text of a date, time, zone or period; undefined for other values. */
export function defaultText(v: DwValue): string | undefined {
  if (v instanceof LocalDate) return v.toString();
  if (v instanceof LocalDateTime) return `${v.toLocalDate().toString()}T${timeText(v.toLocalTime())}`;
  if (v instanceof ZonedDateTime) return `${v.toLocalDate().toString()}T${timeText(v.toLocalTime())}${offsetText(v.offset())}`;
  if (v instanceof LocalTime) return timeText(v);
  if (v instanceof OffsetTime) return timeText(v.toLocalTime()) + offsetText(v.offset());
  if (v instanceof ZoneId) return v.toString();
  if (isPeriod(v)) return v.toString();
  return undefined;
}

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
