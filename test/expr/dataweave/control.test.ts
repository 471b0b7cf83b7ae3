import { describe, expect, it } from 'vitest';
import { sx } from './print.js';

describe('DataWeave if/else', () => {
  it('parses if … else', () => {
    expect(sx('if (a > 1) "big" else "small"')).toBe('(if (> a 1) "big" "small")');
  });

  it('parses else if chains', () => {
    expect(sx('if (a) 1 else if (b) 2 else 3')).toBe('(if a 1 (if b 2 3))');
  });

  it('lets the else branch take a whole expression', () => {
    expect(sx('if (a) 1 else 2 + 3')).toBe('(if a 1 (+ 2 3))');
  });

  it('nests inside operands when parenthesised', () => {
    expect(sx('(if (a) 1 else 2) + 3')).toBe('(+ (if a 1 2) 3)');
  });
});

describe('DataWeave match', () => {
  const m = (cases: string) => sx(`x match { ${cases} }`);

  it('matches literals', () => {
    expect(m('case "a" -> 1 case 2 -> 2 case true -> 3 case null -> 4')).toBe('(match x (case "a" 1) (case 2 2) (case true 3) (case null 4))');
  });

  it('matches types, with and without a binding', () => {
    expect(m('case is String -> 1 case n is Number -> n')).toBe('(match x (case (is String) 1) (case n (is Number) n))');
  });

  it('matches regexes, with and without a binding', () => {
    expect(m('case /^a/ -> 1 case matches /b/ -> 2 case g matches /(c)/ -> g[1]')).toBe(
      '(match x (case (matches /^a/) 1) (case (matches /b/) 2) (case g (matches /(c)/) ([] g 1)))',
    );
  });

  it('matches guards, parenthesised or not', () => {
    expect(m('case n if n > 1 -> 1 case var v if (v < 0) -> 2')).toBe('(match x (case n (if (> n 1)) 1) (case v (if (< v 0)) 2))');
  });

  it('parses a bare binding and else', () => {
    expect(m('case y -> y else -> 0')).toBe('(match x (case y _ y) (case _ 0))');
  });

  it('parses a binding with a literal', () => {
    expect(m('case s: "a" -> s')).toBe('(match x (case s "a" s))');
  });

  it('lets a case body be a lambda', () => {
    expect(m('case n if (n > 1) -> (a) -> a')).toBe('(match x (case n (if (> n 1)) (fn (a) a)))');
  });
});

describe('DataWeave do, lambdas and update', () => {
  it('parses do with a header', () => {
    expect(sx('do { var x = 1\n fun f(a) = a\n --- f(x) }')).toBe('(do (var x 1) (fun f (a) a) (f x))');
  });

  it('parses do without a header', () => {
    expect(sx('do { --- 1 }')).toBe('(do 1)');
  });

  it('parses lambdas with no, one and several parameters', () => {
    expect(sx('() -> 1')).toBe('(fn () 1)');
    expect(sx('(a) -> a')).toBe('(fn (a) a)');
    expect(sx('(a, b) -> a + b')).toBe('(fn (a b) (+ a b))');
  });

  it('parses typed and defaulted parameters', () => {
    expect(sx('(a: String, b: Number = 2) -> a')).toBe('(fn (a:String b:Number=2) a)');
  });

  it('parses update with plain, bound and guarded cases', () => {
    expect(sx('payload update { case .name -> "x" case age at .age if (age > 1) -> age + 1 case .a[0].b! -> 0 }')).toBe(
      '(update payload (case (. it name) "x") (case age (. it age) (if (> age 1)) (+ age 1)) (case (assert (. ([] (. it a) 0) b)) 0))',
    );
  });
});
