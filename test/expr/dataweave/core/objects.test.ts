import { describe, expect, it } from 'vitest';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject } from '../../../../src/expr/dataweave/values/model.js';
import { dw } from './support.js';

const xmlish = new DwObject([
  { key: 'user', value: 'Mariano', attrs: [{ key: 'id', value: '1' }] },
  { key: 'user', value: 'Stacey', ns: 'http://test.com', prefix: 't' },
  { key: 'count', value: 2 },
]);

describe('mapObject', () => {
  it('maps each field with its value, key and index', () => {
    expect(dw('mapObject', { a: 1, b: 2 }, (v: number, k: string) => ({ [k.toUpperCase()]: v + 5 }))).toEqual({ A: 6, B: 7 });
    expect(dw('mapObject', { a: 'x', b: 'y' }, (v: string, k: string, i: number) => ({ [`${k}${i}`]: v }))).toEqual({ a0: 'x', b1: 'y' });
  });
  it('merges what each call answers, repeated keys included', () => {
    const r = dw('mapObject', { a: 1, b: 2 }, (v: number) => ({ n: v, m: v })) as DwObject;
    expect(r.entries.map((e) => [e.key, e.value])).toEqual([
      ['n', 1],
      ['m', 1],
      ['n', 2],
      ['m', 2],
    ]);
  });
  it('fails when the lambda answers something else than an object', () => {
    expect(() => dw('mapObject', { a: 1 }, () => 1)).toThrow('mapObject expects the lambda to return an Object, got Number (1)');
  });
  it('passes null through', () => {
    expect(dw('mapObject', null, () => ({}))).toBeNull();
  });
});

describe('filterObject', () => {
  it('keeps the fields the criteria answers true for', () => {
    expect(dw('filterObject', { a: 'apple', b: 'banana' }, (v: string) => v === 'apple')).toEqual({ a: 'apple' });
    expect(dw('filterObject', { a: 1, b: 2, c: 3 }, (_v: number, k: string, i: number) => k !== 'a' && i < 2)).toEqual({ b: 2 });
    expect(dw('filterObject', { a: null, b: 1 }, (v: DwValue) => v !== null)).toEqual({ b: 1 });
  });
  it('keeps attributes and namespaces of the fields it keeps', () => {
    const r = dw('filterObject', xmlish, (_v: DwValue, k: string) => k === 'user') as DwObject;
    expect(r.entries).toEqual([xmlish.entries[0], xmlish.entries[1]]);
  });
  it('passes null through', () => {
    expect(dw('filterObject', null, () => true)).toBeNull();
  });
});

describe('pluck', () => {
  it('maps the fields to an array', () => {
    const o = { name: 'Joel', age: 30 };
    expect(dw('pluck', o, (v: DwValue) => v)).toEqual(['Joel', 30]);
    expect(dw('pluck', o, (_v: DwValue, k: string) => k)).toEqual(['name', 'age']);
    expect(dw('pluck', o, (_v: DwValue, _k: string, i: number) => i)).toEqual([0, 1]);
    expect(dw('pluck', {}, (v: DwValue) => v)).toEqual([]);
    expect(dw('pluck', null, (v: DwValue) => v)).toBeNull();
  });
});

describe('keysOf, namesOf, valuesOf, entriesOf', () => {
  it('list the keys, names and values, repeated ones included', () => {
    expect(dw('keysOf', { a: true, b: 1 })).toEqual(['a', 'b']);
    expect(dw('namesOf', { a: true, b: 1 })).toEqual(['a', 'b']);
    expect(dw('valuesOf', { a: true, b: 1 })).toEqual([true, 1]);
    expect(dw('namesOf', xmlish)).toEqual(['user', 'user', 'count']);
    expect(dw('valuesOf', xmlish)).toEqual(['Mariano', 'Stacey', 2]);
    expect(dw('keysOf', {})).toEqual([]);
  });
  it('describe each field with its attributes', () => {
    expect(dw('entriesOf', { a: true, b: 1 })).toEqual([
      { key: 'a', value: true, attributes: null },
      { key: 'b', value: 1, attributes: null },
    ]);
    expect(dw('entriesOf', xmlish)).toEqual([
      { key: 'user', value: 'Mariano', attributes: { id: '1' } },
      { key: 'user', value: 'Stacey', attributes: null },
      { key: 'count', value: 2, attributes: null },
    ]);
  });
  it('pass null through', () => {
    for (const f of ['keysOf', 'namesOf', 'valuesOf', 'entriesOf']) expect(dw(f, null)).toBeNull();
  });
});
