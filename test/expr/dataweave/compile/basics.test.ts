import { describe, expect, it } from 'vitest';
import { DataWeaveCompileError } from '../../../../src/expr/dataweave/errors.js';
import { DataWeaveEvaluationError } from '../../../../src/expr/dataweave/values/eval-error.js';
import { load, run } from './run.js';

describe('DataWeave literals and operators', () => {
  it.each([
    ['1 + 2', 3],
    ['0.1 + 0.2', 0.3],
    ['10 / 4', 2.5],
    ['2 * 3 - 1', 5],
    ['-(3)', -3],
    ['"a" ++ "b"', 'ab'],
    ['[1] ++ [2]', [1, 2]],
    ['[1, 2, 3] - 1 + 4', [2, 3, 4]],
    ['{a: 1, b: 2, c: 3} - "a"', { b: 2, c: 3 }],
    ['1 >> [2, 3]', [1, 2, 3]],
    ['[1, 2] << 3', [1, 2, 3]],
    ['1 < 2', true],
    ['"a" >= "b"', false],
    ['1 == 1.0', true],
    ['{a: 1} == {a: 1}', true],
    ['1 != "1"', true],
    ['1 ~= "1"', true],
    ['true and false', false],
    ['true or false', true],
    ['not true', false],
    ['!false', true],
    ['null default 2', 2],
    ['[] default 2', []],
    ['"x" default 2', 'x'],
    ['[1 to 4]', [1, 2, 3, 4]],
    ['[3 to 1]', [3, 2, 1]],
    ['"a $(1 + 1) b $(true)"', 'a 2 b true'],
  ])('%s', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  it('short-circuits and and or', () => {
    expect(run('false and (1 / 0 == 1)')).toBe(false);
    expect(run('true or (1 / 0 == 1)')).toBe(true);
  });

  it('rejects operands of and that are not Boolean', () => {
    expect(() => run('1 and true')).toThrow(/You called the function 'and'/);
  });

  it('reports a + of the wrong types as DataWeave does', () => {
    expect(() => run('"a" + 1')).toThrow(/You called the function '\+' with these arguments:\n {2}1: String \("a"\)\n {2}2: Number \(1\)/);
  });

  it('falls back to the default when the left side fails', () => {
    expect(run('("abc" as Number) default 0')).toBe(0);
  });

  it('places an evaluation error at its operator', () => {
    try {
      run('%dw 2.0\n---\n{a: 1 / 0}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataWeaveEvaluationError);
      expect((e as DataWeaveEvaluationError).at).toEqual({ line: 3, col: 7 });
    }
  });
});

describe('DataWeave names', () => {
  it('reads bindings', () => {
    expect(run('payload.a + vars.b', { payload: { a: 1 }, vars: { b: 2 } })).toBe(3);
  });

  it('reads a missing binding as null', () => {
    expect(run('payload')).toBe(null);
  });

  it('refuses an unknown name at load, with a hint', () => {
    try {
      load('%dw 2.0\n---\npaylod.a');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataWeaveCompileError);
      expect((e as DataWeaveCompileError).hint).toBe("did you mean 'payload'?");
      expect((e as DataWeaveCompileError).line).toBe(3);
    }
  });

  it('refuses an unknown function at load', () => {
    expect(() => load('sizeof([1])')).toThrow(DataWeaveCompileError);
  });

  it('refuses $ outside a lambda', () => {
    expect(() => load('$.a')).toThrow(/Unable to resolve reference of: \$/);
  });
});

describe('DataWeave default and the budget', () => {
  it('does not swallow a runaway recursion', () => {
    expect(() => run('%dw 2.0\nfun f(n) = 1 + f(n + 1)\n---\nf(1) default 0')).toThrow(/Stack overflow/);
  });
});
