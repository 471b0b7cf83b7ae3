import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('DataWeave as', () => {
  it.each([
    ['1 as String', '1'],
    ['1.5 as String', '1.5'],
    ['true as String', 'true'],
    ['"12.5" as Number', 12.5],
    ['"true" as Boolean', true],
    ['1234.567 as String {format: "#,##0.00"}', '1,234.57'],
    ['0.125 as String {format: "0.00"}', '0.12'],
    ['0.135 as String {format: "0.00"}', '0.14'],
    ['0.5 as String {format: "#.##"}', '.5'],
    ['0.25 as String {format: "0%"}', '25%'],
    ['-1234 as String {format: "#,##0"}', '-1,234'],
    ['7 as String {format: "000"}', '007'],
    ['3 as String {format: "\'EUR\' 0.00"}', 'EUR 3.00'],
    ['"1,234.50" as Number {format: "#,##0.00"}', 1234.5],
    ['[1] as Array', [1]],
    ['"a" as Key', 'a'],
    ['1234.5 as String {format: "#,##0.00", locale: "de"}', '1.234,50'],
  ])('%s', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  it('reports a failed coercion as DataWeave does', () => {
    expect(() => run('"abc" as Number')).toThrow('Cannot coerce String ("abc") to Number');
    expect(() => run('{} as Array')).toThrow('Cannot coerce Object ({}) to Array');
    expect(() => run('null as Number')).toThrow('Cannot coerce Null (null) to Number');
    expect(() => run('null as String')).toThrow('Cannot coerce Null (null) to String');
    expect(run('(payload.missing as Number) default 0')).toBe(0);
    expect(run('null as String | Null')).toBe(null);
  });

  it('coerces to a regex and binary', () => {
    expect((run('"a+" as Regex') as { source: string }).source).toBe('a+');
    expect(run('"hi" as Binary')).toEqual(new TextEncoder().encode('hi'));
  });

  it('follows a type alias', () => {
    expect(run('%dw 2.0\ntype Text = String\n---\n1 as Text')).toBe('1');
  });
});

describe('DataWeave is', () => {
  it.each([
    ['1 is Number', true],
    ['"a" is String', true],
    ['null is Null', true],
    ['[1] is Array<Number>', true],
    ['["a"] is Array<Number>', false],
    ['{} is Object', true],
    ['((x) -> x) is Function', true],
    ['"a" is "a" | "b"', true],
  ])('%s', (src, expected) => {
    expect(run(src)).toBe(expected);
  });
});
