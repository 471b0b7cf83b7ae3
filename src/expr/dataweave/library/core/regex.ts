import type { DwRegex } from '../../values/model.js';

/**
 * The regex helpers the string functions share. DataWeave's regexes are Java's; flowrt compiles
 * them to JavaScript RegExps (values/model.ts), whose syntax agrees on what scripts use.
 */

/** One match: where it starts and ends, and its groups (null for a group that took no part). */
export interface Match {
  readonly start: number;
  readonly end: number;
  /** The whole match first, then each group. */
  readonly groups: readonly (string | null)[];
  /** Where each group starts (-1 when it took no part), the whole match first. */
  readonly starts: readonly number[];
}

/** Every match left to right; an empty match moves on by one character, as Java's Matcher.find does. */
export function allMatches(text: string, rx: DwRegex, withIndices = false): Match[] {
  let re = rx.global();
  if (withIndices && re instanceof RegExp && !re.flags.includes('d')) re = new RegExp(re.source, re.flags + 'd');
  const out: Match[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(toMatch(m));
    if (m[0].length === 0) re.lastIndex = m.index + 1;
    if (re.lastIndex > text.length) break;
  }
  return out;
}

/** The match of the whole text (Java's Matcher.matches), or undefined. */
export function fullMatch(text: string, rx: DwRegex): Match | undefined {
  const once = rx.once();
  const re = new RegExp(`^(?:${once.source})$`, once.flags.replace(/[gy]/g, ''));
  const m = re.exec(text);
  return m ? toMatch(m) : undefined;
}

function toMatch(m: RegExpExecArray): Match {
  const groups = Array.from(m, (g) => g ?? null);
  const indices = (m as RegExpExecArray & { indices?: ([number, number] | undefined)[] }).indices;
  const starts = indices ? Array.from(indices, (p) => (p ? p[0] : -1)) : [m.index];
  return { start: m.index, end: m.index + m[0].length, groups, starts };
}

/**
 * Java's String.split (limit 0): a zero-width match at the very start yields no leading empty
 * piece, trailing empty pieces are dropped, and no match at all gives the text itself.
 */
export function splitJava(text: string, matches: readonly { start: number; end: number }[]): string[] {
  const out: string[] = [];
  let index = 0;
  for (const m of matches) {
    if (index === 0 && m.start === 0 && m.end === 0) continue;
    out.push(text.slice(index, m.start));
    index = m.end;
  }
  if (index === 0 && out.length === 0) return [text];
  out.push(text.slice(index));
  let n = out.length;
  while (n > 0 && out[n - 1] === '') n--;
  return out.slice(0, n);
}

/** The places a literal string occurs, not overlapping (as a quoted Java pattern finds them). */
export function literalMatches(text: string, target: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (target === '') {
    for (let i = 0; i <= text.length; i++) out.push({ start: i, end: i });
    return out;
  }
  for (let i = text.indexOf(target); i >= 0; i = text.indexOf(target, i + target.length)) out.push({ start: i, end: i + target.length });
  return out;
}
