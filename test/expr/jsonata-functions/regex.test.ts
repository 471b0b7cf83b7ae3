import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../../src/expr/jsonata/functions/index.js';
import { isSequence } from '../../../src/expr/jsonata/values.js';
import { LinearRegExp } from '../../../src/expr/linear-regex.js';
import { call } from './context.js';

/*
 * The suite (suite.test.ts) reaches these functions with the library's matcher closures; the
 * compiler hands them regex objects instead: LinearRegExp, or a RegExp with or without g.
 * Cases from the suite's regex and function-replace/split/contains groups.
 */
const engines = [
  ['LinearRegExp', (re: RegExp) => new LinearRegExp(re)],
  ['RegExp', (re: RegExp) => re],
  ['global RegExp', (re: RegExp) => new RegExp(re.source, `${re.flags}g`)],
] as const;

describe.each(engines)('regex functions with a %s', (_name, regex) => {
  it('$match gives each match with its index and groups, as a sequence', () => {
    const got = call(BUILTINS.match, 'ababbabbcc', regex(/a(b+)/));
    expect(isSequence(got)).toBe(true);
    expect(got).toEqual([
      { match: 'ab', index: 0, groups: ['b'] },
      { match: 'abb', index: 2, groups: ['bb'] },
      { match: 'abb', index: 5, groups: ['bb'] },
    ]);
  });

  it('$match stops at the limit, and refuses a negative one (D3040)', () => {
    expect(call(BUILTINS.match, 'ababbabbcc', regex(/a(b+)/), 1)).toEqual([{ match: 'ab', index: 0, groups: ['b'] }]);
    expect(() => call(BUILTINS.match, 'ab', regex(/a/), -1)).toThrow(expect.objectContaining({ code: 'D3040' }));
  });

  it('refuses a regex that matches an empty string at the next position (D1004)', () => {
    expect(() => call(BUILTINS.match, 'abc', regex(/x*/))).toThrow(expect.objectContaining({ code: 'D1004' }));
    expect(call(BUILTINS.contains, 'abc', regex(/x*/))).toBe(true);
  });

  it('$contains finds a match anywhere', () => {
    expect(call(BUILTINS.contains, 'Hello World', regex(/wo/i))).toBe(true);
    expect(call(BUILTINS.contains, 'Hello World', regex(/^wo/i))).toBe(false);
  });

  it('$replace substitutes $0, $n and $$, and calls a replacement function with the match', () => {
    expect(call(BUILTINS.replace, 'John Smith', regex(/(\w+)\s(\w+)/), '$2, $1')).toBe('Smith, John');
    expect(call(BUILTINS.replace, 'abcd', regex(/(ab)|(a)/), '[1=$1][2=$2]')).toBe('[1=ab][2=]cd');
    expect(call(BUILTINS.replace, '265USD', regex(/([0-9]+)USD/), '$$$1')).toBe('$265');
    expect(call(BUILTINS.replace, 'abcd', regex(/b/), '$0$0$w')).toBe('abb$wcd');
    const doubled = (m: { match: string }): string => m.match + m.match;
    expect(call(BUILTINS.replace, 'a1b22', regex(/\d+/), doubled)).toBe('a11b2222');
    expect(() => call(BUILTINS.replace, 'a1', regex(/\d/), () => 5)).toThrow(expect.objectContaining({ code: 'D3012' }));
  });

  it('$replace keeps to the limit', () => {
    expect(call(BUILTINS.replace, 'aaa', regex(/a/), 'b', 2)).toBe('bba');
  });

  it('$split cuts at each match, up to the limit', () => {
    expect(call(BUILTINS.split, 'a, b,c ,d', regex(/\s*,\s*/))).toEqual(['a', 'b', 'c', 'd']);
    expect(call(BUILTINS.split, 'a, b,c ,d', regex(/\s*,\s*/), 2)).toEqual(['a', 'b']);
    expect(call(BUILTINS.split, 'abc', regex(/x/))).toEqual(['abc']);
  });

  it('leaves the regex object usable by a replacement function that runs it too', () => {
    const re = regex(/o/);
    const inner = (m: { match: string }): string => call(BUILTINS.replace, `${m.match}o`, re, '0') as string;
    expect(call(BUILTINS.replace, 'foo bo', re, inner)).toBe('f0000 b00');
  });
});

describe('custom matchers', () => {
  it('are called with the string, then through next, until next gives nothing', () => {
    const from = (s: string, offset: number): unknown => {
      const i = s.indexOf('a');
      if (i < 0) return undefined;
      return { match: 'a', start: offset + i, end: offset + i + 1, groups: [], next: () => from(s.slice(i + 1), offset + i + 1) };
    };
    expect(call(BUILTINS.match, 'banana', (s: string) => from(s, 0))).toEqual([
      { match: 'a', index: 1, groups: [] },
      { match: 'a', index: 3, groups: [] },
      { match: 'a', index: 5, groups: [] },
    ]);
  });

  it('must answer with a match object (T1010)', () => {
    expect(() => call(BUILTINS.split, 'some text', (s: string) => s.toUpperCase())).toThrow(expect.objectContaining({ code: 'T1010' }));
  });
});
