import { describe, expect, it } from 'vitest';
import { sx } from './print.js';

describe('DataWeave operator precedence', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a ++ b ++ c', '(++ (++ a b) c)'],
    ['a -- b', '(-- a b)'],
    ['a ++ b map $ default []', '(default (map (++ a b) $) [])'],
    ['not a and b', '(not (and a b))'],
    ['not true or true', '(not (or true true))'],
    ['!true or true', '(or (! true) true)'],
    ['!a.b', '(! (. a b))'],
    ['-x.y', '(- (. x y))'],
    ['- x * 2', '(* (- x) 2)'],
    ['a < b and c >= d', '(and (< a b) (>= c d))'],
    ['a == b or c != d and e ~= f', '(or (== a b) (and (!= c d) (~= e f)))'],
    ['a + 1 > b', '(> (+ a 1) b)'],
    ['a > 1 == true', '(== (> a 1) true)'],
    ['a default b default c', '(default (default a b) c)'],
    ['a default b ++ c', '(default a (++ b c))'],
    ['a.b default "x" ++ y', '(default (. a b) (++ "x" y))'],
    ['a or b default c', '(default (or a b) c)'],
    ['x as Number + 1', '(+ (as x Number) 1)'],
    ['x * y as Number', '(* x (as y Number))'],
    ['a is String and b', '(and (is a String) b)'],
    ['a >> b << c', '(<< (>> a b) c)'],
    ['a - -1', '(- a -1)'],
    ['a-1', '(- a 1)'],
  ])('parses %s as %s', (src, expected) => {
    expect(sx(src)).toBe(expected);
  });

  it('parses "as" with writer-style properties', () => {
    expect(sx('now() as String {format: "yyyy-MM-dd"}')).toBe('(as (now) String (obj (: format "yyyy-MM-dd")))');
  });

  it('parses "as" and "is" with generic and union types', () => {
    expect(sx('x as Array<String>')).toBe('(as x Array<String>)');
    expect(sx('x is String | Null')).toBe('(is x String|Null)');
    expect(sx('x as Array<Array<Number>>')).toBe('(as x Array<Array<Number>>)');
  });
});

describe('DataWeave infix function calls', () => {
  it.each([
    ['payload map (item) -> item.id', '(map payload (fn (item) (. item id)))'],
    ['payload map (item, index) -> index', '(map payload (fn (item index) index))'],
    ['payload filter $.ok', '(filter payload (. $ ok))'],
    ['a contains b', '(contains a b)'],
    ['x splitBy ","', '(splitBy x ",")'],
    ['x joinBy ", "', '(joinBy x ", ")'],
    ['a filter $ > 1 map $ * 2', '(map (filter a (> $ 1)) (* $ 2))'],
    ['a map $.x orderBy $', '(orderBy (map a (. $ x)) $)'],
    ['"a-b" replace "-" with "_"', '(with (replace "a-b" "-") "_")'],
    ['payload reduce (item, acc = 0) -> acc + item', '(reduce payload (fn (item acc=0) (+ acc item)))'],
    ['"abc" match /a(b)/', '(match "abc" /a(b)/)'],
  ])('parses %s', (src, expected) => {
    expect(sx(src)).toBe(expected);
  });

  it('lets a lambda body run to the end of the expression', () => {
    expect(sx('a map (x) -> x filter $')).toBe('(map a (fn (x) (filter x $)))');
  });

  it('binds infix calls looser than arithmetic and comparisons', () => {
    expect(sx('a + b map $ == 1')).toBe('(map (+ a b) (== $ 1))');
  });
});

describe('DataWeave calls', () => {
  it.each([
    ['f()', '(f)'],
    ['f(a, b)', '(f a b)'],
    ['sizeOf(payload) > 0', '(> (sizeOf payload) 0)'],
    ['Strings::camelize(x)', '(Strings::camelize x)'],
    ['dw::core::Strings::capitalize("a")', '(dw::core::Strings::capitalize "a")'],
    ['Mule::p("key")', '(Mule::p "key")'],
    ['f(a)(b)', '((f a) b)'],
    ['f((x) -> x)', '(f (fn (x) x))'],
    ['sizeOf (payload)', '(sizeOf payload)'],
    ['match("a", /a/)', '(match "a" /a/)'],
  ])('parses %s', (src, expected) => {
    expect(sx(src)).toBe(expected);
  });
});
