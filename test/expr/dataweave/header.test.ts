import { describe, expect, it } from 'vitest';
import { parseDataWeave } from '../../../src/expr/dataweave/parser.js';
import { directive, show } from './print.js';

const header = (src: string): string[] => parseDataWeave(`${src}\n---\n1`).header.map(directive);

describe('DataWeave header', () => {
  it('parses the version and the output directive', () => {
    expect(header('%dw 2.0\noutput application/json')).toEqual(['(%dw 2.0)', '(output application/json)']);
  });

  it('parses writer properties', () => {
    expect(header('output application/json indent=false, skipNullOn="everywhere"')).toEqual(['(output application/json indent=false skipNullOn="everywhere")']);
  });

  it('parses MIME types with suffixes and short format names', () => {
    expect(header('output application/vnd.api+json')).toEqual(['(output application/vnd.api+json)']);
    expect(header('output json')).toEqual(['(output json)']);
    expect(header('output application/csv separator=";", header=true')).toEqual(['(output application/csv separator=";" header=true)']);
  });

  it('parses input directives', () => {
    expect(header('input payload application/xml')).toEqual(['(input payload application/xml)']);
    expect(header('input in0 application/csv separator=","')).toEqual(['(input in0 application/csv separator=",")']);
  });

  it('parses every import form', () => {
    expect(header('import dw::core::Strings')).toEqual(['(import dw::core::Strings)']);
    expect(header('import dw::core::Strings as S')).toEqual(['(import dw::core::Strings as S)']);
    expect(header('import * from dw::core::Arrays')).toEqual(['(import dw::core::Arrays *)']);
    expect(header('import camelize, dasherize as d from dw::core::Strings')).toEqual(['(import dw::core::Strings camelize,dasherize=d)']);
  });

  it('parses var with and without a type', () => {
    expect(header('var a = 1\nvar b: Number = a + 1')).toEqual(['(var a 1)', '(var b Number (+ a 1))']);
  });

  it('parses functions, overloads and return types', () => {
    expect(header('fun f(a: String) = upper(a)\nfun f(a: Number): Number = a + 1\nfun g() = 1')).toEqual([
      '(fun f (a:String) (upper a))',
      '(fun f (a:Number) Number (+ a 1))',
      '(fun g () 1)',
    ]);
  });

  it('parses generic functions', () => {
    expect(header('fun first<T>(xs: Array<T>): T = xs[0]')).toEqual(['(fun first (xs:Array<T>) T ([] xs 0))']);
  });

  it('parses namespace declarations with bare and quoted URIs', () => {
    expect(header('ns ns0 http://example.com/orders\nns soap "http://schemas.xmlsoap.org/soap/envelope/"')).toEqual([
      '(ns ns0 http://example.com/orders)',
      '(ns soap http://schemas.xmlsoap.org/soap/envelope/)',
    ]);
  });

  it('parses type declarations', () => {
    expect(header('type Id = String | Number\ntype Pair<T> = { a: T, b?: Array<Array<T>> }\ntype F = (Number) -> String')).toEqual([
      '(type Id String|Number)',
      '(type Pair {a:T,b?:Array<Array<T>>})',
      '(type F (Number)->String)',
    ]);
  });

  it('parses a whole script', () => {
    const script = parseDataWeave('%dw 2.0\noutput application/json\nvar rate = 1.2\n---\n{ total: payload.amount * rate }');
    expect(script.header.map(directive)).toEqual(['(%dw 2.0)', '(output application/json)', '(var rate 1.2)']);
    expect(show(script.body)).toBe('(obj (: total (* (. payload amount) rate)))');
  });

  it('accepts a bare separator with no directives', () => {
    expect(show(parseDataWeave('---\npayload').body)).toBe('payload');
  });

  it('parses a bare expression as a body with no header', () => {
    expect(parseDataWeave('payload.a').header).toEqual([]);
  });

  it('records where each directive starts', () => {
    expect(parseDataWeave('%dw 2.0\n  output json\n---\n1').header.map((d) => d.at)).toEqual([
      { line: 1, col: 1 },
      { line: 2, col: 3 },
    ]);
  });
});
