import { describe, expect, it } from 'vitest';
import { DwObject } from '../../../../src/expr/dataweave/values/model.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { dw, lambda } from './support.js';

describe('map', () => {
  it('maps with the item and its index', () => {
    expect(dw('map', [1, 2, 3], (x: number) => x * 2)).toEqual([2, 4, 6]);
    expect(dw('map', ['jose', 'pedro', 'mateo'], (v: string, i: number) => `${i}_${v}`)).toEqual(['0_jose', '1_pedro', '2_mateo']);
  });
  it('keeps an empty array empty and a null null', () => {
    expect(dw('map', [], () => 1)).toEqual([]);
    expect(dw('map', null, () => 1)).toBeNull();
  });
  it('turns a lambda answering nothing into null', () => {
    expect(dw('map', [1], () => undefined as unknown as DwValue)).toEqual([null]);
  });
  it("says DataWeave's mismatch message for an object", () => {
    expect(() => dw('map', { a: 1 }, (x: number) => x)).toThrow(
      "You called the function 'map' with these arguments:\n  1: Object ({a: 1})\n  2: Function (() -> ???)\n\nBut it expects one of these combinations:\n  (Array, Function)\n  (Null, Function)",
    );
  });
});

describe('filter', () => {
  it('keeps the items the criteria answers true for', () => {
    expect(dw('filter', [9, 2, 3, 4, 5], (v: number) => v > 2)).toEqual([9, 3, 4, 5]);
    expect(dw('filter', [9, 2, 3, 4, 5], (_v: number, i: number) => i > 2)).toEqual([4, 5]);
  });
  it('filters a string character by character', () => {
    expect(dw('filter', 'hello world', (c: string) => c !== 'l')).toBe('heo word');
    expect(dw('filter', 'abc', (_c: string, i: number) => i !== 1)).toBe('ac');
  });
  it('drops items a non-Boolean criteria answers for', () => {
    expect(dw('filter', [1, 2], () => 'yes')).toEqual([]);
  });
  it('passes null through', () => {
    expect(dw('filter', null, () => true)).toBeNull();
  });
});

describe('reduce', () => {
  it('starts from the first item without a default', () => {
    expect(dw('reduce', [2, 3], (item: number, acc: number) => acc + item)).toBe(5);
    expect(dw('reduce', [1, 2, 3, 4], (item: number, acc: number) => acc + item)).toBe(10);
    expect(dw('reduce', [2, 3, 3], (item: number, acc: number) => acc * item)).toBe(18);
    expect(dw('reduce', [0, 1, 2, 3, 4, 5], (_item: number, acc: number) => acc)).toBe(0);
  });
  it('starts from the default of the accumulator', () => {
    const concat = lambda((item: string, acc: string = 'z') => acc + item, [undefined, 'z']);
    expect(dw('reduce', ['a', 'b', 'c', 'd'], concat)).toBe('zabcd');
    const sum = lambda((item: number, acc: number = 3) => acc + item, [undefined, 3]);
    expect(dw('reduce', [0, 1, 2, 3, 4, 5], sum)).toBe(18);
    const mul = lambda((item: number, acc: number = 3) => acc * item, [undefined, 3]);
    expect(dw('reduce', [2, 2, 3], mul)).toBe(36);
    const and = lambda((item: boolean, acc: boolean = false) => acc && item, [undefined, false]);
    expect(dw('reduce', [true, true], and)).toBe(false);
  });
  it('answers null for an empty array, the default when there is one', () => {
    expect(dw('reduce', [], (item: number, acc: number) => acc + item)).toBeNull();
    expect(
      dw(
        'reduce',
        [],
        lambda((item: number, acc: number = 0) => acc + item, [undefined, 0]),
      ),
    ).toBe(0);
  });
  it('builds objects from an object default', () => {
    const f = lambda((item: number, acc: DwValue = {}) => dw('++', acc, { a: item }), [undefined, {}]);
    const r = dw('reduce', [0, 1, 2], f);
    expect(r).toBeInstanceOf(DwObject);
    expect(dw('pluck', r, (v: DwValue) => v)).toEqual([0, 1, 2]);
  });
  it('passes null through', () => {
    expect(dw('reduce', null, () => 1)).toBeNull();
  });
});

describe('flatMap and flatten', () => {
  it('flattens the mapped arrays one level', () => {
    expect(dw('flatMap', [3, 5], (v: number, i: number) => [v, i])).toEqual([3, 0, 5, 1]);
    expect(dw('flatMap', [1, 2], (v: number) => [[v]])).toEqual([[1], [2]]);
    expect(dw('flatMap', null, () => [])).toBeNull();
  });
  it('flattens one level only and keeps non-arrays', () => {
    expect(dw('flatten', [[1, 2, 3], [4, 5, [6]], [], [null]])).toEqual([1, 2, 3, 4, 5, [6], null]);
    expect(dw('flatten', [1, [2]])).toEqual([1, 2]);
    expect(dw('flatten', null)).toBeNull();
  });
});

describe('distinctBy', () => {
  it('keeps the first item of each criteria', () => {
    expect(dw('distinctBy', [0, 1, 2, 3, 3, 2, 1, 4], (v: number) => ({ unique: v }))).toEqual([0, 1, 2, 3, 4]);
    const authors = ['James McGovern', 'Per Bothner', 'Kurt Cagle', 'James Linn', 'Kurt Cagle', 'Kurt Cagle', 'Vaidyanathan Nagarajan'];
    expect(dw('distinctBy', authors, (v: string) => v)).toEqual(['James McGovern', 'Per Bothner', 'Kurt Cagle', 'James Linn', 'Vaidyanathan Nagarajan']);
  });
  it('compares numbers by value', () => {
    expect(dw('distinctBy', [1, 1.0, 2], (v: number) => v)).toEqual([1, 2]);
  });
  it('removes repeated fields of an object by value', () => {
    const o = new DwObject([
      { key: 'a', value: 'b' },
      { key: 'a', value: 'b' },
      { key: 'A', value: 'b' },
      { key: 'a', value: 'B' },
    ]);
    const r = dw('distinctBy', o, (v: string) => ({ unique: v })) as DwObject;
    expect(r.entries).toEqual([
      { key: 'a', value: 'b' },
      { key: 'a', value: 'B' },
    ]);
  });
  it('passes null through', () => {
    expect(dw('distinctBy', null, () => 1)).toBeNull();
  });
});

describe('groupBy', () => {
  it('groups items under the criteria as text, last group first as DataWeave shows them', () => {
    // Index-like keys out of numeric order cannot stay a plain object (JavaScript would reorder them).
    const r = dw('groupBy', ['a', 'b', 'c'], (_v: string, i: number) => i) as DwObject;
    expect(r.entries.map((e) => [e.key, e.value])).toEqual([
      ['2', ['c']],
      ['1', ['b']],
      ['0', ['a']],
    ]);
  });
  it('keeps the members of a group in order', () => {
    const langs = [
      { name: 'Foo', language: 'Java' },
      { name: 'Bar', language: 'Scala' },
      { name: 'FooBar', language: 'Java' },
    ];
    const r = dw('groupBy', langs, (x: { language: string }) => x.language) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(['Scala', 'Java']);
    expect(r.Java).toEqual([langs[0], langs[2]]);
  });
  it('groups the fields of an object into objects', () => {
    expect(dw('groupBy', { a: 'b', c: 'd' }, (v: string) => v.toUpperCase())).toEqual({ D: { c: 'd' }, B: { a: 'b' } });
  });
  it('takes a constant criteria as one group', () => {
    expect(dw('groupBy', ['Move Left', 'Move Up'], 'myLabels')).toEqual({ myLabels: ['Move Left', 'Move Up'] });
  });
  it('passes null through', () => {
    expect(dw('groupBy', null, () => 1)).toBeNull();
  });
});

describe('orderBy', () => {
  it('sorts by the criteria, stably', () => {
    expect(dw('orderBy', [3, 2, 3], (v: number) => v)).toEqual([2, 3, 3]);
    expect(dw('orderBy', [3, 8, 1], (v: number) => -v)).toEqual([8, 3, 1]);
    const people = [
      { name: 'Santiago', age: 42 },
      { name: 'Leandro', age: 29 },
      { name: 'Mariano', age: 35 },
    ];
    expect(dw('orderBy', people, (p: { age: number }) => p.age)).toEqual([people[1], people[2], people[0]]);
    const pairs = [
      { k: 1, v: 'a' },
      { k: 0, v: 'b' },
      { k: 1, v: 'c' },
      { k: 0, v: 'd' },
    ];
    expect((dw('orderBy', pairs, (p: { k: number }) => p.k) as { v: string }[]).map((p) => p.v)).toEqual(['b', 'd', 'a', 'c']);
  });
  it('sorts strings by character code and booleans false first', () => {
    expect(dw('orderBy', ['b', 'B', 'a'], (v: string) => v)).toEqual(['B', 'a', 'b']);
    expect(dw('orderBy', [true, false], (v: boolean) => v)).toEqual([false, true]);
  });
  it('orders the fields of an object', () => {
    const r = dw('orderBy', { c: 3, a: 1, b: 2 }, (_v: number, k: string) => k);
    expect(Object.keys(r as object)).toEqual(['a', 'b', 'c']);
  });
  it('fails on criteria it cannot compare', () => {
    expect(() => dw('orderBy', [1, 'a'], (v: DwValue) => v)).toThrow('Cannot compare');
  });
  it('passes null through', () => {
    expect(dw('orderBy', null, () => 1)).toBeNull();
  });
});
