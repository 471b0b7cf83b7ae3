import { describe, expect, it } from 'vitest';
import { parseDataWeave } from '../../../src/expr/dataweave/parser.js';
import { directive, show, sx } from './print.js';

describe('DataWeave scripts as Mule apps write them', () => {
  it('parses an order mapping', () => {
    const script = parseDataWeave(
      [
        '%dw 2.0',
        'output application/json skipNullOn="everywhere"',
        'import dw::core::Strings',
        '// total of one line',
        'fun lineTotal(l) = (l.price as Number default 0) * l.qty',
        '---',
        '{',
        '  id: payload.orderId as String,',
        '  customer: Strings::capitalize(payload.customer.name default ""),',
        '  lines: payload.lines map ((line, i) -> {',
        '    n: i + 1,',
        '    total: lineTotal(line)',
        '  }),',
        '  (note: payload.note) if payload.note?,',
        '  created: now() as String {format: "yyyy-MM-dd"}',
        '}',
      ].join('\n'),
    );
    expect(script.header.map(directive)).toEqual([
      '(%dw 2.0)',
      '(output application/json skipNullOn="everywhere")',
      '(import dw::core::Strings)',
      '(fun lineTotal (l) (* (default (as (. l price) Number) 0) (. l qty)))',
    ]);
    expect(show(script.body)).toBe(
      '(obj (: id (as (. payload orderId) String))' +
        ' (: customer (Strings::capitalize (default (. (. payload customer) name) "")))' +
        ' (: lines (map (. payload lines) (fn (line i) (obj (: n (+ i 1)) (: total (lineTotal line))))))' +
        ' (: note (. payload note) (if (exists (. payload note))))' +
        ' (: created (as (now) String (obj (: format "yyyy-MM-dd")))))',
    );
  });

  it('parses an XML output with namespaces and attributes', () => {
    const script = parseDataWeave(
      '%dw 2.0\noutput application/xml\nns ns0 http://example.com/o\n---\n{ ns0#order @(id: payload.id): { (payload.items map { item: $ }) } }',
    );
    expect(show(script.body)).toBe('(obj (: ns0#order(@ (: id (. payload id))) (obj (... (map (. payload items) (obj (: item $)))))))');
  });

  it('parses grouping and ordering pipelines', () => {
    expect(sx('payload groupBy $.type mapObject (v, k) -> { (k): sizeOf(v) }')).toBe(
      '(mapObject (groupBy payload (. $ type)) (fn (v k) (obj (: (key k) (sizeOf v)))))',
    );
    expect(sx('payload distinctBy $.id orderBy -$.price')).toBe('(orderBy (distinctBy payload (. $ id)) (- (. $ price)))');
  });

  it('tells a regex from a division by what precedes the slash', () => {
    expect(sx('(a) / 2')).toBe('(/ a 2)');
    expect(sx('f(x) / 2')).toBe('(/ (f x) 2)');
    expect(sx('x replace /a/ with "b"')).toBe('(with (replace x /a/) "b")');
    expect(sx('[/a/, 1 / 2]')).toBe('[/a/ (/ 1 2)]');
  });

  it('parses an inline condition as Mule flows write them', () => {
    expect(sx('attributes.method == "GET" and (vars.id default "") != ""')).toBe('(and (== (. attributes method) "GET") (!= (default (. vars id) "") ""))');
  });
});
