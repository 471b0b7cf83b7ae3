import { describe, expect, it } from 'vitest';
import { BUILTINS } from '../../../src/expr/jsonata/functions/index.js';
import { isSequence } from '../../../src/expr/jsonata/values.js';
import { call } from './context.js';

/*
 * The higher-order functions call function values through the context, passing as many of
 * (value, index, array) as the function takes. Cases from the suite's hof-* groups.
 */
describe('higher-order functions', () => {
  it('$map passes value, index and array as the function takes them, and drops undefined results', () => {
    expect(call(BUILTINS.map, [1, 2, 3], (v: number) => v * 2)).toEqual([2, 4, 6]);
    expect(call(BUILTINS.map, ['a', 'b'], (v: string, i: number, a: string[]) => `${v}${i}/${a.length}`)).toEqual(['a0/2', 'b1/2']);
    const got = call(BUILTINS.map, [1, 2, 3], (v: number) => (v === 2 ? undefined : v));
    expect(got).toEqual([1, 3]);
    expect(isSequence(got)).toBe(true);
    expect(call(BUILTINS.map, undefined, () => 1)).toBeUndefined();
  });

  it('$filter keeps the items whose result is true as JSONata reads truth', () => {
    expect(call(BUILTINS.filter, [1, 2, 3, 4], (v: number) => v % 2)).toEqual([1, 3]);
    expect(call(BUILTINS.filter, ['a', '', 'b'], (v: string) => v)).toEqual(['a', 'b']);
  });

  it('$single finds the one match, and refuses none (D3139) or several (D3138)', () => {
    expect(call(BUILTINS.single, [1, 2, 3], (v: number) => v === 2)).toBe(2);
    expect(call(BUILTINS.single, [7])).toBe(7);
    expect(() => call(BUILTINS.single, [1, 2], (v: number) => v > 5)).toThrow(expect.objectContaining({ code: 'D3139' }));
    expect(() => call(BUILTINS.single, [1, 2])).toThrow(expect.objectContaining({ code: 'D3138' }));
  });

  it('$reduce folds from the first item or from init, with index and array when taken', () => {
    expect(call(BUILTINS.reduce, [1, 2, 3, 4], (a: number, b: number) => a + b)).toBe(10);
    expect(call(BUILTINS.reduce, [1, 2, 3, 4], (a: number, b: number) => a * b, 2)).toBe(48);
    expect(call(BUILTINS.reduce, ['x', 'May', 'y'], (acc: unknown, v: string, i: number) => (v === 'May' ? i : acc))).toBe(1);
    expect(call(BUILTINS.reduce, [], (a: number, b: number) => a + b, 5)).toBe(5);
    expect(() => call(BUILTINS.reduce, [1, 2], (a: number) => a)).toThrow(expect.objectContaining({ code: 'D3050' }));
  });

  it('$each and $sift walk an object by value, key and object', () => {
    const obj = { a: 1, b: 2, c: 3 };
    expect(call(BUILTINS.each, obj, (v: number, k: string) => `${k}=${v}`)).toEqual(['a=1', 'b=2', 'c=3']);
    expect(call(BUILTINS.sift, obj, (v: number) => v > 1)).toEqual({ b: 2, c: 3 });
    expect(call(BUILTINS.sift, obj, (_v: number, k: string) => k === 'z')).toBeUndefined();
  });

  it('$sort sorts stably with a comparator saying when b goes first, and alone only numbers or strings', () => {
    const people = [
      { n: 'a', age: 30 },
      { n: 'b', age: 20 },
      { n: 'c', age: 30 },
    ];
    const byAge = (x: { age: number }, y: { age: number }): boolean => x.age > y.age;
    expect((call(BUILTINS.sort, people, byAge) as typeof people).map((p) => p.n)).toEqual(['b', 'a', 'c']);
    expect(call(BUILTINS.sort, [3, 1, 2])).toEqual([1, 2, 3]);
    expect(() => call(BUILTINS.sort, [1, 'a'])).toThrow(expect.objectContaining({ code: 'D3070' }));
  });
});
