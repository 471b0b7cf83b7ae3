import { describe, expect, it } from 'vitest';
import { DwObject } from '../../../../src/expr/dataweave/values/model.js';
import { run } from './run.js';

describe('DataWeave objects and arrays', () => {
  it.each([
    ['{a: 1, "b c": 2}', { a: 1, 'b c': 2 }],
    ['{(vars.k): 1}', { key: 1 }],
    ['{"k_$(vars.k)": 1}', { k_key: 1 }],
    ['{(a: 1) if true, (b: 2) if false}', { a: 1 }],
    ['{({x: 1}), y: 2}', { x: 1, y: 2 }],
    ['{([{x: 1}, {y: 2}])}', { x: 1, y: 2 }],
    ['[1, (2) if false, 3]', [1, 3]],
    ['[]', []],
    ['{}', {}],
  ])('%s', (src, expected) => {
    expect(run(src, { vars: { k: 'key' } })).toEqual(expected);
  });

  it('keeps repeated keys in a DwObject', () => {
    const o = run('{a: 1, a: 2}');
    expect(o).toBeInstanceOf(DwObject);
    expect((o as DwObject).entries.map((e) => e.value)).toEqual([1, 2]);
  });

  it('puts attributes and namespaces on the key', () => {
    const o = run('%dw 2.0\nns x http://x\n---\n{x#a @(id: 1): "v"}') as DwObject;
    expect(o.entries[0]).toEqual({ key: 'a', value: 'v', ns: 'http://x', prefix: 'x', attrs: [{ key: 'id', value: 1 }] });
  });

  it('rejects a condition that is not Boolean', () => {
    expect(() => run('{(a: 1) if 1}')).toThrow(/must be a Boolean/);
  });
});
