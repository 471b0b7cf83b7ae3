import { describe, expect, it } from 'vitest';
import { DataWeaveCompileError } from '../../../../src/expr/dataweave/errors.js';
import { context, load, run } from './run.js';

describe('DataWeave functions and lambdas', () => {
  it.each([
    ['[1, 2] map $ * 2', [2, 4]],
    ['[1, 2] map ($ + $$)', [1, 3]],
    ['[1, 2] map (x, i) -> x * i', [0, 2]],
    ['map([1, 2], (x) -> x + 1)', [2, 3]],
    ['[1, 2, 3] filter ($ > 1)', [2, 3]],
    ['[1, 2, 3] reduce ($ + $$)', 6],
    ['[{a: [1, 2]}, {a: [3]}] map ($.a map $ * 10)', [[10, 20], [30]]],
    ['["a", "b"] map upper($)', ['A', 'B']],
    ['((x) -> x + 1)(2)', 3],
    ['((a, b = 2) -> a + b)(1)', 3],
    ['{a: 1} mapObject {($$): $ + 1}', { a: 2 }],
    ['sum([1, 2] map $ * 1.5)', 4.5],
  ])('%s', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  it('calls named functions, recursively', () => {
    expect(run('%dw 2.0\nfun fact(n) = if (n <= 1) 1 else n * fact(n - 1)\n---\nfact(5)')).toBe(120);
  });

  it('dispatches overloaded functions by parameter type', () => {
    const src = '%dw 2.0\nfun f(a: String) = "s"\nfun f(a: Number) = "n"\nfun f(a: Number, b) = "nn"\n---\n[f("x"), f(1), f(1, 2)]';
    expect(run(src)).toEqual(['s', 'n', 'nn']);
    expect(() => run('%dw 2.0\nfun f(a: String) = 1\n---\nf(true)')).toThrow(/You called the function 'f' with these arguments:\n {2}1: Boolean \(true\)/);
  });

  it('uses default parameter values', () => {
    expect(run('%dw 2.0\nfun f(a, b = a * 2) = a + b\n---\nf(1)')).toBe(3);
  });

  it('lets functions read vars and vars call functions', () => {
    expect(run('%dw 2.0\nvar rate = 2\nfun f(x) = x * rate\nvar y = f(3)\n---\ny')).toBe(6);
  });

  it('makes $ a lambda only where the callee takes a function', () => {
    expect(run('%dw 2.0\nfun apply(x, f: (Any) -> Any) = f(x)\n---\n[1] map apply($, $ + 1)')).toEqual([2]);
  });

  it('bounds a runaway recursion', () => {
    expect(() => run('%dw 2.0\nfun f(n) = 1 + f(n + 1)\n---\nf(1)')).toThrow(/Stack overflow/);
  });

  it('refuses to call a value that is not a function', () => {
    expect(() => run('%dw 2.0\nvar x = 1\n---\nx(2)')).toThrow(/only call a function/);
  });

  it('imports modules in every form', () => {
    expect(run('%dw 2.0\nimport dw::core::Strings\n---\nStrings::capitalize("ab")')).toBe('Ab');
    expect(run('%dw 2.0\nimport * from dw::core::Strings\n---\ncapitalize("ab")')).toBe('Ab');
    expect(run('%dw 2.0\nimport camelize, capitalize as cap from dw::core::Strings\n---\ncap(camelize("a_b"))')).toBe('AB');
    expect(run('dw::core::Strings::capitalize("ab")')).toBe('Ab');
  });

  it('refuses unknown modules and names at load', () => {
    expect(() => load('%dw 2.0\nimport dw::core::Nope\n---\n1')).toThrow(DataWeaveCompileError);
    expect(() => load('%dw 2.0\nimport capitalise from dw::core::Strings\n---\n1')).toThrow(/capitalise/);
  });

  it('scopes do blocks', () => {
    expect(run('do { var x = 2\nfun dbl(n) = n * x\n---\ndbl(3) }')).toBe(6);
  });
});

describe('DataWeave calls checked at load', () => {
  it('refuses a call with a number of arguments no overload takes', () => {
    expect(() => load('%dw 2.0\nfun f(a, b = 1) = a\n---\nf(1, 2, 3)')).toThrow(/Too many arguments for f: it takes 1 to 2, the call passes 3/);
    expect(() => load('upper()')).toThrow(/Too few arguments for upper/);
  });
});

describe('DataWeave functions passed to the library', () => {
  it('lets an overloaded fun ignore the index map passes', () => {
    expect(run('%dw 2.0\nfun f(a: String) = "s"\nfun f(a: Number) = "n"\n---\n["x", 1] map f')).toEqual(['s', 'n']);
  });
});

describe('DataWeave generic declarations', () => {
  it('reads type parameters as any type', () => {
    expect(run('%dw 2.0\nfun first<T>(xs: Array<T>): T = xs[0]\n---\nfirst([3, 4])')).toBe(3);
    expect(run('%dw 2.0\ntype Box<T> = {v: T}\n---\n{v: 1} is Box')).toBe(true);
  });
});

describe('DataWeave $ inside selectors and updates of a lambda', () => {
  it('binds the filter selector and update $ to their own values', () => {
    expect(run('[{xs: [1, 2, 3]}] map ($.xs[?($ > 1)])')).toEqual([[2, 3]]);
    expect(run('[{a: 1}, {a: 2}] map ($ update { case .a -> $ * 10 })')).toEqual([{ a: 10 }, { a: 20 }]);
  });
});

describe('DataWeave tail calls', () => {
  it('runs a tail-recursive fun past the depth limit', () => {
    const src = '%dw 2.0\nfun count(n, acc) = if (n == 0) acc else count(n - 1, acc + 1)\n---\ncount(5000, 0)';
    expect(run(src)).toBe(5000);
  });

  it('loops through match cases and do bodies too', () => {
    const src = '%dw 2.0\nfun down(n) = n match { case 0 -> "done" else -> do { var m = n - 1 --- down(m) } }\n---\ndown(3000)';
    expect(run(src)).toBe('done');
  });

  it('still bounds a recursion that is not a tail call', () => {
    expect(() => run('%dw 2.0\nfun f(n) = if (n == 0) 0 else 1 + f(n - 1)\n---\nf(5000)')).toThrow(/Stack overflow/);
  });

  it('bounds an endless tail loop by the time limit', () => {
    const ctx = { ...context(), deadline: Date.now() + 100 };
    expect(() => load('%dw 2.0\nfun f(n) = f(n + 1)\n---\nf(1)').run(ctx)).toThrow(/time limit/);
  });

  it('checks declared types on each round', () => {
    expect(() => run('%dw 2.0\nfun f(n: Number) = if (n == 0) 0 else f("x")\n---\nf(1)')).toThrow(/You called the function 'f'/);
  });
});
