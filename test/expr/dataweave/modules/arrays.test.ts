import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../../src/expr/dataweave/library/modules/index.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { field } from '../../../../src/expr/dataweave/values/model.js';

const A = MODULES['dw::core::Arrays']!;
const get = (o: DwValue, k: string) => field(o as { [k: string]: DwValue }, k) ?? null;

const users = [
  { id: '1', name: 'Mariano' },
  { id: '2', name: 'Leandro' },
  { id: '3', name: 'Julian' },
  { id: '5', name: 'Julian' },
];
const products = [
  { ownerId: '1', name: 'DataWeave' },
  { ownerId: '1', name: 'BAT' },
  { ownerId: '3', name: 'DataSense' },
  { ownerId: '4', name: 'SmartConnectors' },
];
const byId = (u: DwValue) => get(u, 'id');
const byOwner = (p: DwValue) => get(p, 'ownerId');

describe('dw::core::Arrays', () => {
  it('countBy counts the items the predicate accepts', () => {
    expect(A.countBy!([1, 2, 3, 4], (n) => (n as number) > 2)).toBe(2);
    expect(A.countBy!([], () => true)).toBe(0);
  });
  it('sumBy adds the selected numbers exactly', () => {
    expect(A.sumBy!([{ a: 1 }, { a: 2 }, { a: 3 }], (o) => get(o, 'a'))).toBe(6);
    expect(A.sumBy!([{ a: 0.1 }, { a: 0.2 }], (o) => get(o, 'a'))).toBe(0.3);
    expect(A.sumBy!([], () => 1)).toBe(0);
    expect(() => A.sumBy!([1], () => 'x')).toThrow(/Number/);
  });
  it('divideBy makes sub-arrays of the size', () => {
    expect(A.divideBy!([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(A.divideBy!([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
    expect(A.divideBy!([], 3)).toEqual([]);
    expect(A.divideBy!(null, 3)).toBeNull();
  });
  it('every and some, and their null answers', () => {
    expect(A.every!([1, 1, 1], (n) => n === 1)).toBe(true);
    expect(A.every!([1, 2, 1], (n) => n === 1)).toBe(false);
    expect(A.every!([], () => false)).toBe(true);
    expect(A.every!(null, () => false)).toBe(true);
    expect(A.some!([1, 2, 3], (n) => n === 2)).toBe(true);
    expect(A.some!([1, 2, 3], (n) => n === 5)).toBe(false);
    expect(A.some!([], () => true)).toBe(false);
    expect(A.some!(null, () => true)).toBe(false);
  });
  it('drop, take, dropWhile, takeWhile', () => {
    const arr = [1, 2, 3, 4, 5];
    expect(A.drop!(arr, 2)).toEqual([3, 4, 5]);
    expect(A.drop!(arr, -1)).toEqual(arr);
    expect(A.drop!(arr, 10)).toEqual([]);
    expect(A.take!(arr, 2)).toEqual([1, 2]);
    expect(A.take!(arr, -2)).toEqual([]);
    expect(A.take!(arr, 10)).toEqual(arr);
    expect(A.dropWhile!(arr, (n) => (n as number) <= 2)).toEqual([3, 4, 5]);
    expect(A.dropWhile!(arr, () => true)).toEqual([]);
    expect(A.takeWhile!(arr, (n) => (n as number) <= 2)).toEqual([1, 2]);
    expect(A.takeWhile!(arr, () => true)).toEqual(arr);
    expect(A.take!(null, 1)).toBeNull();
    expect(A.dropWhile!(null, () => true)).toBeNull();
  });
  it('firstWith gets the item and its index', () => {
    const people = [
      { name: 'Mariano', lastName: 'Achaval' },
      { name: 'Ana', lastName: 'Felisatti' },
      { name: 'Mariano', lastName: 'de Sousa' },
    ];
    expect(A.firstWith!(people, (u) => get(u, 'name') === 'Mariano')).toEqual(people[0]);
    expect(A.firstWith!(people, (u) => get(u, 'name') === 'Peter')).toBeNull();
    expect(A.firstWith!(people, (_u, i) => i === 2)).toEqual(people[2]);
  });
  it('indexOf finds by DataWeave equality, indexWhere by predicate', () => {
    expect(A.indexOf!(['Mariano', 'Leandro', 'Julian'], 'Julian')).toBe(2);
    expect(A.indexOf!(['Mariano'], 'Tomo')).toBe(-1);
    expect(A.indexOf!([{ a: 1, b: 2 }], { b: 2, a: 1 })).toBe(0);
    expect(A.indexOf!([1, 2], 2.0)).toBe(1);
    expect(A.indexWhere!(['Mariano', 'Leandro', 'Julian'], (u) => (u as string).startsWith('Jul'))).toBe(2);
    expect(A.indexWhere!(['Mariano'], () => false)).toBe(-1);
  });
  it('partition', () => {
    expect(A.partition!([0, 1, 2, 3, 4, 5], (n) => (n as number) % 2 === 0)).toEqual({ success: [0, 2, 4], failure: [1, 3, 5] });
  });
  it('slice keeps from <= index < until, clamped', () => {
    const arr = [0, 1, 2, 3, 4, 5];
    expect(A.slice!(arr, 1, 4)).toEqual([1, 2, 3]);
    expect(A.slice!(arr, -3, 2)).toEqual([0, 1]);
    expect(A.slice!(arr, 4, 100)).toEqual([4, 5]);
    expect(A.slice!(arr, 10, 12)).toEqual([]);
    expect(A.slice!(arr, 3, -1)).toEqual([]);
  });
  it('splitAt and splitWhere answer a pair {l, r}', () => {
    const names = ['Mariano', 'Leandro', 'Julian', 'Tomo'];
    expect(A.splitAt!(names, 2)).toEqual({ l: ['Mariano', 'Leandro'], r: ['Julian', 'Tomo'] });
    expect(A.splitAt!(names, 0)).toEqual({ l: [], r: names });
    expect(A.splitAt!(names, 9)).toEqual({ l: names, r: [] });
    expect(A.splitWhere!(names, (n) => (n as string).startsWith('Jul'))).toEqual({ l: ['Mariano', 'Leandro'], r: ['Julian', 'Tomo'] });
    expect(A.splitWhere!(names, () => false)).toEqual({ l: names, r: [] });
  });
  it('join keeps the matched pairs', () => {
    expect(A.join!(users, products, byId, byOwner)).toEqual([
      { l: users[0], r: products[0] },
      { l: users[0], r: products[1] },
      { l: users[2], r: products[2] },
    ]);
  });
  it('leftJoin keeps every left item', () => {
    expect(A.leftJoin!(users, products, byId, byOwner)).toEqual([
      { l: users[0], r: products[0] },
      { l: users[0], r: products[1] },
      { l: users[1] },
      { l: users[2], r: products[2] },
      { l: users[3] },
    ]);
  });
  it('outerJoin adds the unmatched right items last', () => {
    expect(A.outerJoin!(users, products, byId, byOwner)).toEqual([
      { l: users[0], r: products[0] },
      { l: users[0], r: products[1] },
      { l: users[1] },
      { l: users[2], r: products[2] },
      { l: users[3] },
      { r: products[3] },
    ]);
  });
  it('join ids compare as text', () => {
    expect(
      A.join!(
        [{ id: 1 }],
        [{ id: '1' }],
        (x) => get(x, 'id'),
        (x) => get(x, 'id'),
      ),
    ).toEqual([{ l: { id: 1 }, r: { id: '1' } }]);
  });
  it('a predicate must answer a Boolean; wrong arguments are the mismatch error', () => {
    expect(() => A.every!([1], () => null)).toThrow(/Boolean/);
    expect(() => A.take!('abc', 1)).toThrow(/You called the function 'take'/);
  });
});
