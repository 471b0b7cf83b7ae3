import { describe, expect, it } from 'vitest';
import { boolProp, decodeBytes, numProp, oneOf, strProp } from '../../../../src/expr/dataweave/formats/props.js';

describe('format properties', () => {
  it('reads booleans, also as MIME parameter text', () => {
    expect(boolProp({}, 'indent', true)).toBe(true);
    expect(boolProp({ indent: false }, 'indent', true)).toBe(false);
    expect(boolProp({ indent: 'false' }, 'indent', true)).toBe(false);
    expect(boolProp({ indent: null }, 'indent', false)).toBe(false);
    expect(() => boolProp({ indent: 3 }, 'indent', true)).toThrow("Invalid value for property 'indent'");
  });

  it('reads strings and numbers', () => {
    expect(strProp({ separator: ';' }, 'separator', ',')).toBe(';');
    expect(strProp({ separator: 1 }, 'separator', ',')).toBe('1');
    expect(strProp({}, 'separator')).toBeUndefined();
    expect(numProp({ headerLineNumber: '2' }, 'headerLineNumber', 0)).toBe(2);
    expect(() => numProp({ headerLineNumber: 'x' }, 'headerLineNumber', 0)).toThrow(/Number/);
  });

  it('checks words against the allowed ones', () => {
    expect(oneOf({ skipNullOn: 'arrays' }, 'skipNullOn', ['arrays', 'objects'])).toBe('arrays');
    expect(() => oneOf({ skipNullOn: 'x' }, 'skipNullOn', ['arrays', 'objects'])).toThrow(
      "Invalid value 'x' for property 'skipNullOn'. Valid values are: arrays, objects",
    );
  });

  it('decodes bytes by Java charset names and drops a BOM', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), undefined)).toBe('a');
    expect(decodeBytes(new Uint8Array([0xe9]), 'ISO-8859-1')).toBe('é');
    expect(decodeBytes(new Uint8Array([0x00, 0x61]), 'UTF-16')).toBe('a');
    expect(decodeBytes(new Uint8Array([0x61, 0x00]), 'UTF-16LE')).toBe('a');
    expect(() => decodeBytes(new Uint8Array([]), 'klingon')).toThrow("Unsupported encoding 'klingon'");
  });
});
