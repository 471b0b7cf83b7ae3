import { describe, expect, it } from 'vitest';
import { readValue, writeValue } from '../../../../src/expr/dataweave/formats/index.js';

const MIME = 'application/x-ndjson';

describe('ndjson', () => {
  it('reads one value a line', () => {
    expect(readValue('{"name": "Leandro","lastName": "Shokida"}\n{"name": "Mariano","lastName": "De Achaval"}\n', MIME)).toEqual([
      { name: 'Leandro', lastName: 'Shokida' },
      { name: 'Mariano', lastName: 'De Achaval' },
    ]);
  });

  it('skips invalid lines with skipInvalid, as documented', () => {
    const text = '{"name": "Christian"\n{"name": "Mariano"}\n{"name": "Tomo"\n{"name": "Shoki"}';
    expect(readValue(text, MIME, { skipInvalid: true })).toEqual([{ name: 'Mariano' }, { name: 'Shoki' }]);
    expect(() => readValue(text, MIME)).toThrow(/Unexpected/);
  });

  it('skips empty lines unless ignoreEmptyLine=false', () => {
    expect(readValue('1\r\n\r\n2', MIME)).toEqual([1, 2]);
    expect(readValue('1\n\n2', MIME, { ignoreEmptyLine: false })).toEqual([1, null, 2]);
  });

  it('writes one compact value a line', () => {
    expect(writeValue([{ a: 1, b: [1, 2] }, 'x', null], MIME)).toBe('{"a": 1,"b": [1,2]}\n"x"\nnull\n');
    expect(writeValue([{ a: null }], MIME, { skipNullOn: 'objects' })).toBe('{}\n');
    expect(() => writeValue({ a: 1 }, MIME)).toThrow(/Array/);
  });
});
