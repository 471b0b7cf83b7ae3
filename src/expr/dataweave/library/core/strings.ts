import { defineFunction, overload } from '../define.js';
import type { DwFunction, DwRegex, DwValue } from '../../values/model.js';
import { asFunction, call, toText } from './helpers.js';
import type { Match } from './regex.js';
import { allMatches, fullMatch, literalMatches, splitJava } from './regex.js';

/** upper, lower, trim, isBlank, startsWith, endsWith, splitBy, match, matches, scan, replace and its partner with. */

export const upper = defineFunction('upper', [overload('String', (s: string) => s.toUpperCase()), overload('Null', () => null)]);
export const lower = defineFunction('lower', [overload('String', (s: string) => s.toLowerCase()), overload('Null', () => null)]);

/** Java's String.trim: every character up to U+0020 goes, other Unicode spaces stay. */
function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return s.slice(a, b);
}

export const trim = defineFunction('trim', [overload('String', javaTrim), overload('Null', () => null)]);

export const isBlank = defineFunction('isBlank', [overload('String', (s: string) => javaTrim(s).length === 0), overload('Null', () => true)]);

export const startsWith = defineFunction('startsWith', [
  overload('String, String', (s: string, prefix: string) => s.startsWith(prefix)),
  overload('Null, Any', () => false),
]);

export const endsWith = defineFunction('endsWith', [
  overload('String, String', (s: string, suffix: string) => s.endsWith(suffix)),
  overload('Null, Any', () => false),
]);

export const splitBy = defineFunction('splitBy', [
  overload('String, Regex', (s: string, rx: DwRegex) => splitJava(s, allMatches(s, rx))),
  // The separator is literal text, not a pattern ("a.b" splitBy "." is ["a", "b"]).
  overload('String, String', (s: string, sep: string) => splitJava(s, literalMatches(s, sep))),
  overload('Null, Any', () => null),
]);

export const match = defineFunction('match', [
  // The whole text must match; the result is the match and its groups, [] when it does not.
  overload('String, Regex', (s: string, rx: DwRegex) => [...(fullMatch(s, rx)?.groups ?? [])]),
  overload('Null, Any', () => null),
]);

export const matches = defineFunction('matches', [
  overload('String, Regex', (s: string, rx: DwRegex) => fullMatch(s, rx) !== undefined),
  overload('Null, Any', () => false),
]);

export const scan = defineFunction('scan', [
  overload('String, Regex', (s: string, rx: DwRegex) => allMatches(s, rx).map((m) => [...m.groups])),
  overload('Null, Any', () => null),
]);

/**
 * The text with every match replaced by what the replacer answers for (the match and its
 * groups, the match's number). The replacement is taken literally: `$1` is not a group.
 */
function replaceMatches(text: string, found: readonly Match[], replacer: DwFunction): string {
  let out = '';
  let at = 0;
  found.forEach((m, i) => {
    out += text.slice(at, m.start) + toText(call(replacer, [...m.groups], i));
    at = m.end;
  });
  return out + text.slice(at);
}

/** A function that completes the replacement: what `with` calls with the replacer. */
function replacing(name: string, text: string, found: () => readonly Match[]): DwFunction {
  const fn = (replacer: DwValue) => replaceMatches(text, found(), asFunction(replacer));
  Object.defineProperty(fn, 'dwName', { value: name });
  return fn as DwFunction;
}

export const replace = defineFunction('replace', [
  overload('String, Regex', (s: string, rx: DwRegex) => replacing('replace', s, () => allMatches(s, rx))),
  overload('String, String', (s: string, target: string) =>
    replacing('replace', s, () => literalMatches(s, target).map((m) => ({ ...m, groups: [target], starts: [m.start] }))),
  ),
  overload('Null, Any', () => () => null),
]);

/** `replace … with r`, `update … with`, `mask … with`: hands the replacer to the function on its left. A plain value replaces with itself. */
export const withFn = defineFunction('with', [overload('Function, Any', (toBeReplaced: DwFunction, replacer: DwValue) => toBeReplaced(replacer) ?? null)]);
