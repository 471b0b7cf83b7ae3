import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../../src/expr/dataweave/library/modules/index.js';
import { DwObject, entriesOf } from '../../../../src/expr/dataweave/values/model.js';

const O = MODULES['dw::core::Objects']!;

describe('dw::core::Objects', () => {
  it('divideBy splits into objects of the size, keeping repeated keys', () => {
    const o = new DwObject([
      { key: 'a', value: 1 },
      { key: 'b', value: true },
      { key: 'a', value: 2 },
      { key: 'b', value: false },
      { key: 'c', value: 3 },
    ]);
    expect(O.divideBy!(o, 2)).toEqual([{ a: 1, b: true }, { a: 2, b: false }, { c: 3 }]);
    expect(O.divideBy!({}, 2)).toEqual([]);
  });
  it('entrySet, keySet, nameSet, valueSet', () => {
    expect(O.entrySet!({ a: true, b: 1 })).toEqual([
      { key: 'a', value: true, attributes: null },
      { key: 'b', value: 1, attributes: null },
    ]);
    const xml = new DwObject([{ key: 'xml', value: { a: 'true', b: '1' }, attrs: [{ key: 'attr', value: 'x' }] }]);
    expect(O.entrySet!(xml)).toEqual([{ key: 'xml', value: { a: 'true', b: '1' }, attributes: { attr: 'x' } }]);
    expect(O.keySet!({ a: true, b: 1 })).toEqual(['a', 'b']);
    expect(O.nameSet!({ a: true, b: 1 })).toEqual(['a', 'b']);
    expect(O.valueSet!({ a: true, b: 1 })).toEqual([true, 1]);
    expect(O.keySet!(null)).toBeNull();
  });
  it('everyEntry (documented cases)', () => {
    const isString = (v: unknown) => typeof v === 'string';
    expect(O.everyEntry!({}, (v) => isString(v))).toBe(true);
    expect(O.everyEntry!({ a: '', b: '123' }, (v) => isString(v))).toBe(true);
    expect(O.everyEntry!({ a: '', b: 123 }, (v) => isString(v))).toBe(false);
    expect(O.everyEntry!({ a: '', b: 123 }, (_v, k) => k === 'a')).toBe(false);
    expect(O.everyEntry!({ a: '' }, (_v, k) => k === 'a')).toBe(true);
    expect(O.everyEntry!(null, (_v, k) => k === 'a')).toBe(true);
  });
  it('someEntry', () => {
    expect(O.someEntry!({ a: '', b: 123 }, (v) => typeof v === 'number')).toBe(true);
    expect(O.someEntry!({ a: '', b: '123' }, (v) => typeof v === 'number')).toBe(false);
    expect(O.someEntry!({}, () => true)).toBe(false);
    expect(O.someEntry!(null, () => true)).toBe(false);
  });
  it('takeWhile keeps the leading entries the condition accepts', () => {
    expect(O.takeWhile!({ a: 1, b: 2, c: 5, d: 1 }, (v) => (v as number) < 3)).toEqual({ a: 1, b: 2 });
    expect(O.takeWhile!({ a: 5 }, (v) => (v as number) < 3)).toEqual({});
  });
  it('mergeWith: the target wins and comes last', () => {
    const merged = O.mergeWith!({ a: true, b: 1 }, { a: false, c: 'Test' });
    expect(merged).toEqual({ b: 1, a: false, c: 'Test' });
    expect(Object.keys(merged as object)).toEqual(['b', 'a', 'c']);
    expect(O.mergeWith!(null, { a: 1 })).toEqual({ a: 1 });
    expect(O.mergeWith!({ a: 1 }, null)).toEqual({ a: 1 });
    const repeated = O.mergeWith!(
      new DwObject([
        { key: 'a', value: 1 },
        { key: 'a', value: 2 },
        { key: 'b', value: 3 },
      ]),
      { a: 0 },
    );
    expect(entriesOf(repeated as DwObject).map((e) => [e.key, e.value])).toEqual([
      ['b', 3],
      ['a', 0],
    ]);
  });
});
