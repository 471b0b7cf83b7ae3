import { describe, expect, it } from 'vitest';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject } from '../../../../src/expr/dataweave/values/model.js';
import { run } from './run.js';

const payload: DwValue = { a: { b: 1, c: [1, 2, 3] }, items: [{ id: 1, n: 'x' }, { id: 2 }, { n: 'z' }], s: 'hello' };

describe('DataWeave selectors', () => {
  it.each([
    ['payload.a.b', 1],
    ['payload.missing', null],
    ['payload.missing.deeper', null],
    ['payload.items.id', [1, 2]],
    ['payload.items.n', ['x', 'z']],
    ['payload.a.c[0]', 1],
    ['payload.a.c[-1]', 3],
    ['payload.a.c[5]', null],
    ['payload.a.c[0 to 1]', [1, 2]],
    ['payload.a.c[2 to 0]', [3, 2, 1]],
    ['payload.a.c[-2 to -1]', [2, 3]],
    ['payload.s[0]', 'h'],
    ['payload.s[1 to 3]', 'ell'],
    ['payload.s[3 to 1]', 'lle'],
    ['payload.a[0]', 1],
    ['payload["a"].b', 1],
    ['payload."a".b', 1],
    ['payload.a.c[?($ > 1)]', [2, 3]],
    ['payload.items[?($.id == 2)]', [{ id: 2 }]],
    ['payload.a.b?', true],
    ['payload.a.x?', false],
    ['payload.items.n?', true],
    ['payload..id', [1, 2]],
    ['payload.a.*b', [1]],
    ['payload.items.*id', [1, 2]],
    ['payload.a.^mimeType', null],
  ])('%s', (src, expected) => {
    expect(run(src, { payload })).toEqual(expected);
  });

  it('keeps a present key with a null value as present', () => {
    expect(run('payload.a?', { payload: { a: null } })).toBe(true);
  });

  it('fails on a missing key asserted with !', () => {
    expect(() => run('payload.x!', { payload: {} })).toThrow("There is no key named 'x'");
    expect(run('payload.a!', { payload: { a: 1 } })).toBe(1);
  });

  it('selects every value of a repeated key with .*', () => {
    const o = new DwObject([
      { key: 'k', value: 1 },
      { key: 'k', value: 2 },
      { key: 'j', value: 3 },
    ]);
    expect(run('payload.*k', { payload: o })).toEqual([1, 2]);
    expect(run('payload.k', { payload: o })).toBe(1);
    expect(run('payload..*k', { payload: { x: o } })).toEqual([1, 2]);
  });

  it('reads the attributes and namespace of the key a value was selected by', () => {
    const order = new DwObject([{ key: 'order', value: { id: 'x' }, attrs: [{ key: 'id', value: '7' }], ns: 'urn:o', prefix: 'o' }]);
    expect(run('payload.order.@id', { payload: order })).toBe('7');
    expect(run('payload.order.@', { payload: order })).toEqual({ id: '7' });
    expect(run('payload.order.#', { payload: order })).toBe('urn:o');
    expect(run('%dw 2.0\nns o urn:o\n---\npayload.o#order.id', { payload: order })).toBe('x');
  });

  it('selects a key given as a dynamic string', () => {
    expect(run('payload[vars.k]', { payload: { a: 1 }, vars: { k: 'a' } })).toBe(1);
  });

  it('refuses a key selector on a String', () => {
    expect(() => run('payload.s.x', { payload })).toThrow(/Cannot select key "x" on String/);
  });
});

describe('DataWeave attributes of values selected earlier', () => {
  it('reads the attributes of the key an item came from', () => {
    const orders = new DwObject([
      { key: 'order', value: { n: 1 }, attrs: [{ key: 'id', value: 'a' }] },
      { key: 'order', value: { n: 2 }, attrs: [{ key: 'id', value: 'b' }] },
    ]);
    expect(run('payload.orders.*order map $.@id', { payload: { orders } })).toEqual(['a', 'b']);
    expect(run('%dw 2.0\nvar o = payload.orders.order\n---\no.@id', { payload: { orders } })).toBe('a');
  });
});
