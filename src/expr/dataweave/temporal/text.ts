/** Dates as text with a DateTimeFormatter pattern (the default text is in default-text.ts). */
import { ChronoField, DateTimeFormatter, LocalDate, LocalDateTime, LocalTime, OffsetTime, ZonedDateTime, ZoneId } from '@js-joda/core';
import { Locale } from '@js-joda/locale_en-us';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { defaultText } from './default-text.js';
import { isPeriod } from './period.js';

export { defaultText, timeText } from './default-text.js';

const formatters = new Map<string, DateTimeFormatter>();

/**
 * The pattern as the JDK under Mule prints it where js-joda's text data differs: the stand-alone
 * quarter (`qqq`, `qqqq`) is its number there (the cookbook's formatting table shows `qqq` as `4`),
 * where js-joda writes `Q4`. Quoted text is left alone.
 */
function javaPattern(pattern: string): string {
  return pattern.replace(/'(?:[^']|'')*'|q{3,}/g, (m) => (m.startsWith("'") ? m : 'q'));
}

/**
 * The formatter of a pattern, as Java's DateTimeFormatter.ofPattern makes it (SMART resolving, so
 * `31/02/2020` reads as the last day of February, as in Mule). Text fields (`MMM`, `EEEE`, `a`)
 * are English whatever `locale` says: flowrt ships the en-US data only.
 */
export function formatter(pattern: string): DateTimeFormatter {
  let f = formatters.get(pattern);
  if (!f) {
    try {
      f = DateTimeFormatter.ofPattern(javaPattern(pattern)).withLocale(Locale.US);
    } catch (e) {
      return fail(`Invalid date format "${pattern}": ${reason(e)}`);
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(pattern, f);
  }
  return f;
}

/** The valid values of a ChronoField by its name (`HourOfDay` → `0 - 23`), for Java's wording of a range error. */
function fieldRange(name: string): string | undefined {
  const f = Object.values(ChronoField).find((x: unknown) => x instanceof ChronoField && x.toString() === name) as ChronoField | undefined;
  return f?.range().toString();
}

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

/**
 * The one-line reason of a js-joda error, in java.time's words: js-joda appends the parsed text
 * and the index, a stack of causes, and words of its own in a few messages that Java's do not carry.
 */
export function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  let first = msg.split('\n')[0]!.trim();
  const indexed = /, at index: \d+$/.exec(first);
  if (indexed) {
    first = first.slice(0, indexed.index);
    // What precedes the index is the parsed text again, after ': '.
    const parsed = /^Text '(.*?)' could not be parsed/.exec(first)?.[1];
    if (parsed !== undefined && first.endsWith(`: ${parsed}`)) first = first.slice(0, -(parsed.length + 2));
  }
  return first
    .replace(/: \[object Object\], type \w+/, '')
    .replace(
      /Unable to obtain (\w+) (?:from )?TemporalAccessor/,
      (_m, what: string) => `Unable to obtain ${what === 'ZoneId' ? 'ZonedDateTime' : what} from TemporalAccessor`,
    )
    .replace(/Invalid int value for (\w+): (-?\d+)/, (m, name: string, value: string) => {
      const range = fieldRange(name);
      return range ? `Invalid value for ${name} (valid values ${range}): ${value}` : m;
    })
    .replace(/Invalid date '-?\d+' '(\d+)' '(\d+)'/, (_m, month: string, day: string) => `Invalid date '${MONTHS[Number(month) - 1] ?? month} ${day}'`);
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
