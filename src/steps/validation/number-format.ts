/** Mule's NumberType: the Java types is-number parses a value as. */
export const NUMBER_TYPES = ['INTEGER', 'LONG', 'SHORT', 'DOUBLE', 'FLOAT'] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

/** The grouping and decimal separators of a locale's numbers. */
export interface Separators {
  readonly group: readonly string[];
  readonly decimal: string;
}

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  SHORT: [-(2n ** 15n), 2n ** 15n - 1n],
  INTEGER: [-(2n ** 31n), 2n ** 31n - 1n],
  LONG: [-(2n ** 63n), 2n ** 63n - 1n],
};
const FLOAT_MAX = 3.4028234663852886e38;
const FLOAT_MIN = 1.401298464324817e-45;
const SPACES = [' ', '\u00a0', '\u202f'];

/** A locale's separators (`de`, `en_US`, `fr-FR`), or undefined for a locale the runtime does not know. */
export function separators(locale: string): Separators | undefined {
  const tag = locale.trim().replace(/_/g, '-');
  let parts: Intl.NumberFormatPart[];
  try {
    if (Intl.NumberFormat.supportedLocalesOf(tag).length === 0) return undefined;
    parts = new Intl.NumberFormat(tag, { useGrouping: true }).formatToParts(12345.5);
  } catch {
    return undefined;
  }
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  // Java and ICU disagree on which space groups French digits: accept any of them.
  return { group: SPACES.includes(group) ? SPACES : [group], decimal };
}

/**
 * Parses `text` as Commons Validator's strict number validators do (which Mule's is-number uses):
 * the whole trimmed text must be a number, grouping separators allowed in the integer part; the
 * integer types take no fraction or exponent and must fit their Java range (exact, as BigInt);
 * FLOAT must fit a Java float. Undefined when it is not such a number.
 */
export function parseNumber(text: string, type: NumberType, format: Separators): number | bigint | undefined {
  const t = text.trim();
  const group = format.group.map(escape).join('|');
  const decimal = escape(format.decimal);
  const range = INTEGER_RANGES[type];
  if (range) {
    if (!new RegExp(`^-?\\d(?:\\d|${group})*$`, 'u').test(t)) return undefined;
    const n = BigInt(strip(t, format));
    return n >= range[0] && n <= range[1] ? n : undefined;
  }
  const shape = new RegExp(`^-?(?:\\d(?:\\d|${group})*(?:${decimal}\\d*)?|${decimal}\\d+)(?:E[-+]?\\d+)?$`, 'u');
  if (!shape.test(t)) return undefined;
  const n = Number(strip(t, format).replace(format.decimal, '.'));
  if (!Number.isFinite(n)) return undefined;
  if (type === 'FLOAT' && n !== 0 && (Math.abs(n) > FLOAT_MAX || Math.abs(n) < FLOAT_MIN)) return undefined;
  return n;
}

function strip(text: string, format: Separators): string {
  let out = text;
  for (const g of format.group) out = out.split(g).join('');
  return out;
}

// Syntax characters only: unicode mode rejects any other escaped character.
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
