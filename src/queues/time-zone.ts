/**
 * Time zones as Mule's cron reads them (`java.util.TimeZone` ids): IANA names, the legacy
 * abbreviations the tz database keeps (EST, US/Eastern …) and Java's custom `GMT+hh:mm`, on the
 * tz data Node.js ships with (Intl), so no zone table of our own can go stale.
 */
export interface Zone {
  /** The id as written (or the runtime's own zone's). */
  readonly id: string;
  /** Wall-clock time minus UTC at `instant`, in ms (+3 600 000 for CET in winter). */
  offset(instant: number): number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Java's custom ids: GMT+h, GMT+hh, GMT+hhmm, GMT+hh:mm (java.util.TimeZone#getTimeZone). */
const CUSTOM_ID = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/;

/**
 * The zone named `id` (the runtime's own when undefined), or why there is none.
 *
 * @example
 * const zone = timeZone('America/New_York');
 * if ('error' in zone) report(zone.error); else zone.offset(Date.now()); // -14 400 000 in summer
 */
export function timeZone(id: string | undefined): Zone | { readonly error: string } {
  if (id === undefined) return new IntlZone(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  const custom = CUSTOM_ID.exec(id);
  if (custom) {
    const [, sign, hours, minutes = '0'] = custom;
    if (Number(hours) > 23 || Number(minutes) > 59) return { error: `"${id}" has an offset out of range (GMT-23:59 to GMT+23:59)` };
    const offset = (sign === '-' ? -1 : 1) * (Number(hours) * HOUR + Number(minutes) * 60_000);
    return { id, offset: () => offset };
  }
  try {
    return new IntlZone(id);
  } catch {
    return { error: `"${id}" is not a time zone this runtime knows` };
  }
}

/**
 * The instants at which the wall-clock time `wall` (ms, read as if UTC) occurs in `zone`, earliest
 * first: one; two when clocks go back (the hour repeats); none when they go forward, where it
 * gives the instant the clock jumps past it by the gap (02:30 in a 02:00→03:00 gap is 03:30), as
 * Java's lenient calendar does for Quartz.
 */
export function instantsOf(zone: Zone, wall: number): number[] {
  // Transitions are months apart: the offsets a day either side are the only candidates.
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const candidates = before === after ? [wall - before] : [wall - before, wall - after].sort((a, b) => a - b);
  const found = candidates.filter((at) => at + zone.offset(at) === wall);
  return found.length > 0 ? found : [wall - before];
}

/** A zone of the tz database, read through Intl. */
class IntlZone implements Zone {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly id: string) {
    // Throws a RangeError for a zone Intl does not know: the caller turns it into a message.
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offset(instant: number): number {
    const at = Math.floor(instant / 1000) * 1000;
    const f: Record<string, number> = {};
    for (const part of this.format.formatToParts(at)) if (part.type !== 'literal') f[part.type] = Number(part.value);
    return Date.UTC(f.year!, f.month! - 1, f.day, f.hour, f.minute, f.second) - at;
  }
}
