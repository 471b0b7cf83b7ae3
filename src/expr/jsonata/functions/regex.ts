/*
 * The functions that search strings (functions.js): $contains, $match, $replace, $split, with a
 * plain string, a regex or a custom matcher (./matcher.ts).
 */
import { createSequence, JsonataError, type Builtin, type CallContext, type Sequence } from '../values.js';
import { firstMatch, type Match } from './matcher.js';

function contains(this: CallContext, str: string | undefined, token: unknown): boolean | undefined {
  if (str === undefined || token === undefined) return undefined;
  if (typeof token === 'string') return str.includes(token);
  return firstMatch(this, token, str, 'contains') !== undefined;
}

/** Up to `limit` matches, each as { match, index, groups }. */
function match(this: CallContext, str: string | undefined, regex: unknown, limit?: number): Sequence | undefined {
  if (str === undefined) return undefined;
  if (limit !== undefined && limit < 0)
    throw new JsonataError('D3040', 'Third argument of match function must evaluate to a positive number', { value: limit });
  const result = createSequence();
  if (limit !== undefined && limit <= 0) return result;
  let found = firstMatch(this, regex, str, 'match');
  for (let count = 0; found !== undefined && (limit === undefined || count < limit); count++) {
    result.push({ match: found.match, index: found.start, groups: found.groups });
    found = found.next();
  }
  return result;
}

function replace(this: CallContext, str: string | undefined, pattern: unknown, replacement: unknown, limit?: number): string | undefined {
  if (str === undefined) return undefined;
  if (pattern === '') throw new JsonataError('D3010', 'Second argument of replace function cannot be an empty string', { value: pattern });
  if (limit !== undefined && limit < 0)
    throw new JsonataError('D3011', 'Fourth argument of replace function must evaluate to a positive number', { value: limit });
  if (limit !== undefined && limit <= 0) return str;
  if (typeof pattern === 'string') return replaceText(str, pattern, replacement as string, limit);
  let found = firstMatch(this, pattern, str, 'replace');
  if (found === undefined) return str;
  const replacer = typeof replacement === 'string' ? (m: Match) => substitute(replacement, m) : (m: Match) => this.apply(replacement, [m]);
  let result = '';
  let position = 0;
  for (let count = 0; found !== undefined && (limit === undefined || count < limit); count++) {
    result += str.substring(position, found.start);
    const replacedWith = replacer(found);
    if (typeof replacedWith !== 'string') {
      throw new JsonataError('D3012', 'Attempted to replace a matched string with a non-string value', { value: replacedWith });
    }
    result += replacedWith;
    position = found.start + found.match.length;
    found = found.next();
  }
  return result + str.substring(position);
}

/** A plain-string pattern: each occurrence (up to `limit`) replaced by the text as it is, $ included. */
function replaceText(str: string, pattern: string, replacement: string, limit: number | undefined): string {
  let result = '';
  let position = 0;
  let index = str.indexOf(pattern);
  for (let count = 0; index !== -1 && (limit === undefined || count < limit); count++) {
    result += str.substring(position, index) + replacement;
    position = index + pattern.length;
    index = str.indexOf(pattern, position);
  }
  return result + str.substring(position);
}

/**
 * The replacement text for one match: $0 is the match, $n the n-th group (as many digits as
 * there are groups can name, falling back to one digit fewer), $$ a dollar; a $ before anything
 * else stays itself.
 */
export function substitute(replacement: string, m: Match): string {
  const groups = m.groups.length;
  let out = '';
  let position = 0;
  let index = replacement.indexOf('$');
  while (index !== -1 && position < replacement.length) {
    out += replacement.substring(position, index);
    position = index + 1;
    const next = replacement.charAt(position);
    if (next === '$') {
      out += '$';
      position++;
    } else if (next === '0') {
      out += m.match;
      position++;
    } else {
      // JSONata's digit count, log(n)·log10(e): for 1000 groups that is 2.999…, so 3 digits, not 4.
      const maxDigits = groups === 0 ? 1 : Math.floor(Math.log(groups) * Math.LOG10E) + 1;
      let n = parseInt(replacement.substring(position, position + maxDigits), 10);
      if (maxDigits > 1 && n > groups) n = parseInt(replacement.substring(position, position + maxDigits - 1), 10);
      if (Number.isNaN(n)) out += '$';
      else {
        const group = groups > 0 ? m.groups[n - 1] : undefined;
        if (group !== undefined) out += group as string;
        position += n.toString().length;
      }
    }
    index = replacement.indexOf('$', position);
  }
  return out + replacement.substring(position);
}

function split(this: CallContext, str: string | undefined, separator: unknown, limit?: number): string[] | undefined {
  if (str === undefined) return undefined;
  if (limit !== undefined && limit < 0)
    throw new JsonataError('D3020', 'Third argument of split function must evaluate to a positive number', { value: limit });
  if (limit !== undefined && limit <= 0) return [];
  if (typeof separator === 'string') return str.split(separator, limit);
  const result: string[] = [];
  let found = firstMatch(this, separator, str, 'split');
  if (found === undefined) return [str];
  let start = 0;
  let count = 0;
  for (; found !== undefined && (limit === undefined || count < limit); count++) {
    result.push(str.substring(start, found.start));
    start = found.end;
    found = found.next();
  }
  if (limit === undefined || count < limit) result.push(str.substring(start));
  return result;
}

export const REGEX: Readonly<Record<string, Builtin>> = {
  contains: { signature: '<s-(sf):b>', impl: contains },
  match: { signature: '<s-f<s:o>n?:a<o>>', impl: match },
  replace: { signature: '<s-(sf)(sf)n?:s>', impl: replace },
  split: { signature: '<s-(sf)n?:a<s>>', impl: split },
};
