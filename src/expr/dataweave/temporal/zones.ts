/**
 * Time zones. Loading @js-joda/timezone here (once, for every user of this folder) is what makes
 * region ids such as `America/Argentina/Buenos_Aires` resolve, as Java's tz database does in Mule.
 */
import '@js-joda/timezone';
import { Instant, ZoneId, ZoneOffset } from '@js-joda/core';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';

let system: ZoneId | undefined;

/**
 * The machine's zone by its region id (`Europe/Paris`), as Java's ZoneId.systemDefault() names it;
 * js-joda's own ZoneId.SYSTEM would print as `SYSTEM`, which no DataWeave script expects to see.
 */
export function systemZone(): ZoneId {
  if (system) return system;
  try {
    const id = Intl.DateTimeFormat().resolvedOptions().timeZone;
    system = id ? ZoneId.of(id) : ZoneId.SYSTEM;
  } catch {
    system = ZoneId.SYSTEM;
  }
  return system;
}

/** `Z`, `+03:00`, `-0300`, `+03`, `UTC`, `America/Buenos_Aires` …; undefined when the text names no zone. */
export function parseZone(text: string): ZoneId | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  try {
    return ZoneId.of(t);
  } catch {
    return undefined;
  }
}

/** A TimeZone value or a String naming one (the right side of `>>`, a `timeZone:` field). */
export function toZone(v: DwValue | undefined, what = 'TimeZone'): ZoneId {
  if (v instanceof ZoneId) return v;
  if (typeof v === 'string') {
    const z = parseZone(v);
    if (z) return z;
    return fail(`Cannot coerce String (${JSON.stringify(v)}) to TimeZone, caused by: Unknown time-zone ID: ${v}`);
  }
  return fail(`Expected a ${what} (or a String naming one) but got ${describe(v ?? null)}`);
}

/** The offset a zone has now: what a zone means next to a time of day without a date. */
export function offsetNow(zone: ZoneId): ZoneOffset {
  return zone instanceof ZoneOffset ? zone : zone.rules().offsetOfInstant(Instant.now());
}
