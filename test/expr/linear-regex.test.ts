import { describe, expect, it } from 'vitest';
import { newJsonata } from '../../src/expr/compile.js';
import { LinearRegExp, backtrackingReason, translate } from '../../src/expr/linear-regex.js';
import { load, mule } from '../helpers/app.js';

// A JSON round trip: JSONata marks result arrays as sequences.
const run = async (expr: string, input?: unknown) => {
  const value: unknown = await newJsonata(expr).evaluate(input);
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
};

describe('regular expressions in expressions', () => {
  it('match in linear time: a pattern that backtracks exponentially answers at once', async () => {
    // On a backtracking engine 40 a's and a ! take hours; the test's own time limit would end it.
    expect(await run(`$match($, /^(a+)+$/)`, `${'a'.repeat(40)}!`)).toBeUndefined();
    expect(await run(`$contains($, /(x+x+)+y/)`, 'x'.repeat(5_000))).toBe(false);
    expect(await run(`$replace($, /(a|aa)+$/, 'b')`, `${'a'.repeat(50)}c`)).toBe(`${'a'.repeat(50)}c`);
  });

  it("keep JavaScript's meaning of . and \\s where RE2's differs", async () => {
    expect(await run(`$match($, /a.b/)`, 'a\rb')).toBeUndefined();
    expect(await run(`$match($, /a.b/)`, 'a\u2028b')).toBeUndefined();
    expect(await run(`$contains($, /a\\sb/)`, 'a\u00a0b')).toBe(true);
    expect(await run(`$contains($, /a[\\s,]b/)`, 'a\u3000b')).toBe(true);
    expect(await run(`$contains($, /a\\Sb/)`, 'a\u00a0b')).toBe(false);
  });

  it('give matches, groups and UTF-16 positions as JavaScript does', async () => {
    expect(await run(`$match($, /(?<y>\\d{4})-(\\d\\d)?/)`, '😀 2024-')).toEqual({ match: '2024-', index: 3, groups: ['2024', null] });
    expect(await run(`$match($, /o/)`, 'foo boo')).toEqual([
      { match: 'o', index: 1, groups: [] },
      { match: 'o', index: 2, groups: [] },
      { match: 'o', index: 5, groups: [] },
      { match: 'o', index: 6, groups: [] },
    ]);
    expect(await run(`$replace($, /(\\w+)@(\\w+)/i, '$2 at $1')`, 'Mail ADA@Example now')).toBe('Mail Example at ADA now');
    expect(await run(`$split($, /\\s*,\\s*/)`, 'a , b,c')).toEqual(['a', 'b', 'c']);
    expect(await run(`$match($, /\\u00e9+|\\x41|\\cJ|\\//)`, 'x/')).toEqual({ match: '/', index: 1, groups: [] });
  });

  it('run what needs backtracking on JavaScript, and say why', async () => {
    expect(backtrackingReason(/a(?=b)/g)).toBe('it uses lookahead or lookbehind');
    expect(backtrackingReason(/(a)\1/g)).toBe('it uses a backreference');
    expect(backtrackingReason(/^a$/gm)).toMatch(/m flag/);
    expect(backtrackingReason(/a+b/gi)).toBeUndefined();
    expect(await run(`$match($, /a(?=b)/)`, 'acab')).toEqual({ match: 'a', index: 2, groups: [] });
  });

  it('translate only what differs', () => {
    expect(translate('(?<n>a)\\/b')).toEqual({ pattern: '(?P<n>a)/b' });
    expect(translate('[]')).toEqual({ backtracking: 'it uses an empty character class' });
    expect(translate('a.b', { dotAll: true })).toEqual({ pattern: 'a(?s:.)b' });
    expect(translate('\\p{L}', { unicode: true })).toEqual({ pattern: '\\p{L}' });
  });

  it('read escaped letters RE2 gives a meaning (\\a, \\z, \\A, \\Q, \\C) as JavaScript does: the letter itself', async () => {
    // Found by test/fuzz/expressions.test.ts: /\a/ matched a bell character, /\z/ the end of the text.
    for (const letter of ['a', 'z', 'A', 'Q', 'C', 'E']) {
      expect({ letter, found: await run(`$match($, /\\${letter}/)`, `x${letter}`) }).toEqual({ letter, found: { match: letter, index: 1, groups: [] } });
      expect(backtrackingReason(new RegExp(`\\${letter}`, 'g'))).toBeUndefined();
    }
    expect(await run(`$contains($, /\\x/)`, 'x')).toBe(true);
    expect(await run(`$contains($, /\\x41/)`, 'A')).toBe(true);
    expect(await run(`$contains($, /[\\b]/)`, '\b')).toBe(true);
  });

  it('read [ inside a class as the character, never as a POSIX class', () => {
    // To JavaScript [[:alpha:]] is a class of "[:alph" followed by "]"; RE2 read it as any letter.
    const posix = new LinearRegExp(/[[:alpha:]]/g);
    expect(posix.exec('b:]')).toMatchObject({ 0: ':]', index: 1 });
    expect(new LinearRegExp(/[[:alpha:]]/g).exec('b')).toBeNull();
    expect(new LinearRegExp(/[a[]/g).exec('x[')).toMatchObject({ 0: '[', index: 1 });
    expect(backtrackingReason(/[[:alpha:]]/g)).toBeUndefined();
  });

  it('follow a global RegExp: exec from lastIndex, back to 0 when nothing more matches', () => {
    const re = new LinearRegExp(/b/g);
    expect(re.exec('abcb')?.index).toBe(1);
    expect(re.lastIndex).toBe(2);
    expect(re.exec('abcb')?.index).toBe(3);
    expect(re.exec('abcb')).toBeNull();
    expect(re.lastIndex).toBe(0);
  });
});

describe('a backtracking regex in a flow', () => {
  it('is a warning at load, located at the regex', async () => {
    const loaded = await load({ 'flows/app.xml': mule(`<flow name="f"><set-payload value="#[$match(payload, /a(?=b)/)]"/></flow>`, { listener: false }) });
    const warnings = loaded.diagnostics.filter((d) => d.code === 'backtracking-regex');
    expect(warnings.map((d) => [d.severity, d.message, d.loc?.line])).toEqual([
      ['warning', '/a(?=b)/ runs on a backtracking engine: it uses lookahead or lookbehind', 4],
    ]);
  });
});
