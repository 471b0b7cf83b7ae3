import { describe, expect, it } from 'vitest';
import { readValue, writeValue } from '../../../../src/expr/dataweave/formats/index.js';
import { DwObject, fields, makeObject } from '../../../../src/expr/dataweave/values/model.js';

const MIME = 'application/x-www-form-urlencoded';

describe('urlencoded', () => {
  it('reads the documented example', () => {
    expect(readValue('name=Mariano&lastName=de+Achaval', MIME)).toEqual({ name: 'Mariano', lastName: 'de Achaval' });
  });

  it('reads repeated keys, escapes and keys without values', () => {
    const v = readValue('key=value&key+1=%40here&key=other+value&key+2%25', MIME) as DwObject;
    expect(v).toBeInstanceOf(DwObject);
    expect(fields(v, 'key')).toEqual(['value', 'other value']);
    expect(fields(v, 'key 1')).toEqual(['@here']);
    expect(fields(v, 'key 2%')).toEqual(['']);
  });

  it('reads UTF-8 escapes, stray percents and empty input', () => {
    expect(readValue('a=%C3%A9&b=100%&c=', MIME)).toEqual({ a: 'é', b: '100%', c: '' });
    expect(readValue('', MIME)).toEqual({});
    expect(readValue('a=1', 'urlencoded')).toEqual({ a: '1' });
  });

  it('writes the documented examples', () => {
    expect(writeValue({ name: 'Mariano', age: 37 }, MIME)).toBe('name=Mariano&age=37');
    const o = makeObject([
      { key: 'key', value: 'value' },
      { key: 'key 1', value: '@here' },
      { key: 'key', value: 'other value' },
      { key: 'key 2%', value: null },
    ]);
    expect(writeValue(o, MIME)).toBe('key=value&key+1=%40here&key=other+value&key+2%25');
  });

  it('encodes as Java URLEncoder does', () => {
    expect(writeValue({ s: "a*b.c-d_e~f!g'h(i)j é/?&=" }, MIME)).toBe('s=a*b.c-d_e%7Ef%21g%27h%28i%29j+%C3%A9%2F%3F%26%3D');
  });

  it('repeats the key for an array value', () => {
    expect(writeValue({ a: [1, 2], b: true }, MIME)).toBe('a=1&a=2&b=true');
  });

  it('refuses nested objects and non-objects', () => {
    expect(() => writeValue({ a: { b: 1 } }, MIME)).toThrow(/Cannot coerce Object/);
    expect(() => writeValue('x', MIME)).toThrow(/Cannot coerce String/);
  });

  it('round-trips', () => {
    const v = { 'a b': 'c&d=e', f: 'ü+' };
    expect(readValue(writeValue(v, MIME), MIME)).toEqual(v);
  });
});
