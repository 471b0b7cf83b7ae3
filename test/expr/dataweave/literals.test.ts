import { describe, expect, it } from 'vitest';
import { parseDataWeave } from '../../../src/expr/dataweave/parser.js';
import { sx } from './print.js';

const body = (src: string) => parseDataWeave(src).body;

describe('DataWeave literals', () => {
  it.each([
    ['42', '42'],
    ['0.1', '0.1'],
    ['1.5e-3', '1.5e-3'],
    ['-7', '-7'],
    ['-2.50', '-2.50'],
    ['true', 'true'],
    ['false', 'false'],
    ['null', 'null'],
    ['"hi"', '"hi"'],
    ["'hi'", '"hi"'],
  ])('parses %s', (src, expected) => {
    expect(sx(src)).toBe(expected);
  });

  it('keeps the text of a number, sign included', () => {
    expect(body('-0.10')).toEqual({ kind: 'number', at: { line: 1, col: 1 }, text: '-0.10' });
  });

  it('interpolates $(expr) in double-quoted strings', () => {
    expect(sx('"Hello $(payload.name)!"')).toBe('(tpl "Hello " (. payload name) "!")');
  });

  it('interpolates in single-quoted strings too', () => {
    expect(sx("'Hi $(upper(name))'")).toBe('(tpl "Hi " (upper name))');
  });

  it('interpolates a bare $name', () => {
    expect(sx('"Hi $name"')).toBe('(tpl "Hi " name)');
  });

  it('interpolates the implicit parameters', () => {
    expect(sx('"$$: $"')).toBe('(tpl $$ ": " $)');
  });

  it('parses operators inside an interpolation', () => {
    expect(sx('"total: $(a + b * 2)"')).toBe('(tpl "total: " (+ a (* b 2)))');
  });

  it('positions interpolated expressions where they sit in the script', () => {
    const t = body('\n  "x $(a)"');
    expect(t.kind === 'template' && t.parts[1]).toMatchObject({ kind: 'ref', name: 'a', at: { line: 2, col: 8 } });
  });

  it('reads an escaped dollar as text', () => {
    expect(sx('"\\$(x)"')).toBe('"$(x)"');
  });

  it.each([
    ['|2024-01-31|', 'Date'],
    ['|2024-01-31T10:00:00Z|', 'DateTime'],
    ['|2024-01-31T10:00:00|', 'LocalDateTime'],
    ['|10:00|', 'LocalTime'],
    ['|10:00:00+02:00|', 'Time'],
    ['|+01:00|', 'TimeZone'],
    ['|P1D|', 'Period'],
    ['|PT1H|', 'Period'],
  ])('parses the date/time literal %s as %s', (src, type) => {
    expect(body(src)).toMatchObject({ kind: 'temporal', type, text: src.slice(1, -1) });
  });

  it('does date arithmetic on literals', () => {
    expect(sx('|2021-03-02T10:39:59| - |P1D| + |PT3H|')).toBe('(+ (- |2021-03-02T10:39:59| |P1D|) |PT3H|)');
  });

  it('parses a regex where an operand is expected', () => {
    expect(sx('/a+b/')).toBe('/a+b/');
    expect(sx('x matches /^\\d+$/')).toBe('(matches x /^\\d+$/)');
  });

  it('divides where an operator is expected', () => {
    expect(sx('a / b / 2')).toBe('(/ (/ a b) 2)');
  });

  it('reads a regex with an escaped slash', () => {
    expect(sx('s splitBy /\\//')).toBe('(splitBy s /\\//)');
  });

  it('parses $, $$ and $$$', () => {
    expect(sx('[$, $$, $$$]')).toBe('[$ $$ $$$]');
  });

  it('parses arrays, empty and nested', () => {
    expect(sx('[]')).toBe('[]');
    expect(sx('[1, [2, 3], "a"]')).toBe('[1 [2 3] "a"]');
  });

  it('parses ranges', () => {
    expect(sx('[1 to 5]')).toBe('(to 1 5)');
    expect(sx('[a to b + 1]')).toBe('(to a (+ b 1))');
  });

  it('parses conditional array elements', () => {
    expect(sx('[(1) if c, 2]')).toBe('[(when c 1) 2]');
  });

  it('ignores comments', () => {
    expect(sx('1 // one\n + /* two */ 2')).toBe('(+ 1 2)');
  });
});
