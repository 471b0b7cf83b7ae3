import { describe, expect, it } from 'vitest';
import { Lexer } from '../../../src/expr/dataweave/lexer.js';
import type { Token } from '../../../src/expr/dataweave/tokens.js';

function tokens(src: string): Token[] {
  const lexer = new Lexer(src);
  const out: Token[] = [];
  for (let i = 0; ; i++) {
    const t = lexer.token(i);
    if (t.type === 'eof') return out;
    out.push(t);
    if (t.type === 'error') return out;
  }
}

const texts = (src: string): string[] => tokens(src).map((t) => t.text);

describe('DataWeave lexer', () => {
  it('reads module-qualified names as one token', () => {
    expect(texts('dw::core::Strings Strings::camelize(x)')).toEqual(['dw::core::Strings', 'Strings::camelize', '(', 'x', ')']);
  });

  it('keeps numbers exactly as written, for a decimal library to read', () => {
    expect(texts('1 0.10 1e3 2.5E-10 1.0e+2')).toEqual(['1', '0.10', '1e3', '2.5E-10', '1.0e+2']);
    expect(tokens('0.10')[0]!.type).toBe('number');
  });

  it('prefers the longest operator', () => {
    expect(texts('--- -- - ..* .. .* . $$$ $$ $ ++ -> ~= <= >= != ==')).toEqual([
      '---',
      '--',
      '-',
      '..*',
      '..',
      '.*',
      '.',
      '$$$',
      '$$',
      '$',
      '++',
      '->',
      '~=',
      '<=',
      '>=',
      '!=',
      '==',
    ]);
  });

  it('reads selector operators', () => {
    expect(texts('a.@b.#.^c[?(x)]')).toEqual(['a', '.@', 'b', '.#', '.^', 'c', '[', '?', '(', 'x', ')', ']']);
  });

  it('skips line and block comments, marking the space they leave', () => {
    const ts = tokens('a // one\n/* two\n three */ b');
    expect(ts.map((t) => t.text)).toEqual(['a', 'b']);
    expect(ts[1]!.spaceBefore).toBe(true);
    expect(ts[1]!.at).toEqual({ line: 3, col: 11 });
  });

  it('gives 1-based line and column positions', () => {
    expect(tokens('a\n  bc +\n1').map((t) => [t.text, t.at.line, t.at.col])).toEqual([
      ['a', 1, 1],
      ['bc', 2, 3],
      ['+', 2, 6],
      ['1', 3, 1],
    ]);
  });

  it('offsets positions by the base it is given', () => {
    expect(new Lexer('a b', { line: 4, col: 10 }).token(1).at).toEqual({ line: 4, col: 12 });
  });

  it('decodes escapes in strings of both quotes', () => {
    expect(tokens('"a\\"b\\n\\t\\u0041\\\\"')[0]!.parts).toEqual(['a"b\n\tA\\']);
    expect(tokens("'it\\'s'")[0]!.parts).toEqual(["it's"]);
  });

  it('splits interpolations out of strings in both quotes', () => {
    expect(tokens('"a $(b + 1) c"')[0]!.parts).toEqual(['a ', { kind: 'expr', src: 'b + 1', at: { line: 1, col: 6 } }, ' c']);
    expect(tokens("'$name!'")[0]!.parts).toEqual([{ kind: 'name', name: 'name', at: { line: 1, col: 3 } }, '!']);
  });

  it('reads $, $$ and $$$ inside strings as the implicit parameters', () => {
    const parts = tokens('"$$, $ $$$"')[0]!.parts!;
    expect(parts.filter((p) => typeof p !== 'string').map((p) => (p as { depth: number }).depth)).toEqual([2, 1, 3]);
  });

  it('keeps an escaped dollar literal', () => {
    expect(tokens('"cost: \\$5"')[0]!.parts).toEqual(['cost: $5']);
  });

  it('allows parentheses and quotes inside an interpolation', () => {
    expect(tokens('"x$(f(")") ++ "(")y"')[0]!.parts).toEqual(['x', { kind: 'expr', src: 'f(")") ++ "("', at: { line: 1, col: 5 } }, 'y']);
  });

  it.each([
    ['|2024-01-31|', 'Date'],
    ['|2024-01-31T10:00:00Z|', 'DateTime'],
    ['|2024-01-31T10:00:00-03:00|', 'DateTime'],
    ['|2024-01-31T10:00:00|', 'LocalDateTime'],
    ['|2024-01-31T10:00:00.123|', 'LocalDateTime'],
    ['|10:00|', 'LocalTime'],
    ['|10:00:00Z|', 'Time'],
    ['|-08:00|', 'TimeZone'],
    ['|P1D|', 'Period'],
    ['|PT1H|', 'Period'],
    ['|P1Y2M3DT4H5M6S|', 'Period'],
  ])('reads %s as a %s literal', (src, type) => {
    const [t] = tokens(src);
    expect([t!.type, t!.temporal, t!.text]).toEqual(['temporal', type, src.slice(1, -1)]);
  });

  it('reads a bar before a type name as a union bar, not a date', () => {
    expect(texts('String | Number')).toEqual(['String', '|', 'Number']);
  });

  it('reports a malformed date literal', () => {
    expect(tokens('|2024-1-31|')[0]).toMatchObject({ type: 'error', text: 'Invalid date literal |2024-1-31|' });
  });

  it('re-reads a slash as a regex when the parser asks', () => {
    const lexer = new Lexer('a /b\\/c/ d');
    expect(lexer.token(1).text).toBe('/');
    expect(lexer.rescan(1, 'regex')).toMatchObject({ type: 'regex', text: 'b\\/c' });
    expect(lexer.token(2).text).toBe('d');
  });

  it('re-reads a MIME type and a namespace URI as raw text', () => {
    const lexer = new Lexer('application/vnd.api+json x');
    expect(lexer.rescan(0, 'mime').text).toBe('application/vnd.api+json');
    expect(new Lexer('http://a.com/x?y=1 z').rescan(0, 'uri').text).toBe('http://a.com/x?y=1');
  });

  it('reports an unterminated string', () => {
    expect(tokens('"abc')[0]).toMatchObject({ type: 'error', text: 'Unterminated string' });
  });
});
