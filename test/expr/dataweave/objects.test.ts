import { describe, expect, it } from 'vitest';
import { parseDataWeave } from '../../../src/expr/dataweave/parser.js';
import { sx } from './print.js';

describe('DataWeave objects', () => {
  it('parses an empty object', () => {
    expect(sx('{}')).toBe('(obj)');
  });

  it('parses keys as names, keywords and strings', () => {
    expect(sx('{a: 1, type: 2, "b c": 3, \'d\': 4}')).toBe('(obj (: a 1) (: type 2) (: "b c" 3) (: d 4))');
  });

  it('parses dynamic keys', () => {
    expect(sx('{(k): v, ("x" ++ n): 1}')).toBe('(obj (: (key k) v) (: (key (++ "x" n)) 1))');
  });

  it('parses interpolated string keys as dynamic', () => {
    expect(sx('{"a$(n)": 1}')).toBe('(obj (: (key (tpl "a" n)) 1))');
  });

  it('parses conditional fields', () => {
    expect(sx('{(a: 1) if c, b: 2}')).toBe('(obj (: a 1 (if c)) (: b 2))');
  });

  it('parses several conditional fields under one condition as a conditional spread', () => {
    expect(sx('{(a: 1, b: 2) if c}')).toBe('(obj (... (obj (: a 1) (: b 2)) (if c)))');
  });

  it('parses spreads of objects and arrays of objects', () => {
    expect(sx('{(payload), (items map {($): 1})}')).toBe('(obj (... payload) (... (map items (obj (: (key $) 1)))))');
  });

  it('parses a conditional spread', () => {
    expect(sx('{(extra) if present}')).toBe('(obj (... extra (if present)))');
  });

  it('parses key attributes', () => {
    expect(sx('{order @(id: 1, "x-y": n): v}')).toBe('(obj (: order(@ (: id 1) (: "x-y" n)) v))');
  });

  it('parses namespaced keys', () => {
    expect(sx('{ns0#order: 1}')).toBe('(obj (: ns0#order 1))');
  });

  it('keeps repeated keys', () => {
    expect(sx('{a: 1, a: 2}')).toBe('(obj (: a 1) (: a 2))');
  });

  it('accepts a trailing comma', () => {
    expect(sx('{a: 1,}')).toBe('(obj (: a 1))');
  });

  it('records the position of each field', () => {
    const o = parseDataWeave('{\n  a: 1,\n  b: 2\n}').body;
    expect(o.kind === 'object' && o.fields.map((f) => f.at)).toEqual([
      { line: 2, col: 3 },
      { line: 3, col: 3 },
    ]);
  });

  it('parses nested objects and arrays', () => {
    expect(sx('{a: {b: [1, {c: null}]}}')).toBe('(obj (: a (obj (: b [1 (obj (: c null))]))))');
  });
});
