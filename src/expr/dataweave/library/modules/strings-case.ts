import type { Num } from '../../values/numbers.js';
import { formatNumber } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { pluralize, singularize } from './inflect.js';

/** dw::core::Strings, the functions that change a text's case and word separators. */

/**
 * The words of an identifier or phrase: split at spaces, underscores and hyphens, and where
 * camel-casing starts a word ("customerName", "HTMLParser" → "HTML", "Parser").
 */
function wordsOf(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{Nd}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '');
}

function joinLower(text: string, sep: string): string {
  return wordsOf(text)
    .map((w) => w.toLowerCase())
    .join(sep);
}

function camelize(text: string): string {
  const joined = text.replace(/^_+/, '').replace(/_+(.)?/gu, (_m, c: string | undefined) => (c ?? '').toUpperCase());
  return joined.length === 0 ? joined : joined[0]!.toLowerCase() + joined.slice(1);
}

function capitalize(text: string): string {
  return wordsOf(text)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join(' ');
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
function ordinalize(n: Num): string {
  const text = formatNumber(n);
  const digits = text.replace(/\..*$/, '').replace('-', '');
  const lastTwo = Number(digits.slice(-2));
  const last = lastTwo % 10;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
  return text + suffix;
}

function stringFn(name: string, impl: (s: string) => string) {
  return defineFunction(name, [overload('String', impl), overload('Null', () => null)]);
}

export const STRINGS_CASE: FunctionTable = {
  camelize: stringFn('camelize', camelize),
  capitalize: stringFn('capitalize', capitalize),
  dasherize: stringFn('dasherize', (s) => joinLower(s, '-')),
  underscore: stringFn('underscore', (s) => joinLower(s, '_')),
  pluralize: stringFn('pluralize', pluralize),
  singularize: stringFn('singularize', singularize),
  ordinalize: defineFunction('ordinalize', [overload('Number', ordinalize), overload('Null', () => null)]),
};
