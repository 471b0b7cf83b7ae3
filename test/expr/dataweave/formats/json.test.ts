import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { readValue, writeValue } from '../../../../src/expr/dataweave/formats/index.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject, makeObject } from '../../../../src/expr/dataweave/values/model.js';

const read = (text: string) => readValue(text, 'application/json');
const write = (v: DwValue, props = {}) => writeValue(v, 'application/json', props) as string;

describe('JSON reader', () => {
  it('reads the documented example as plain values', () => {
    const text = '{\n  "name": "Matias",\n  "age": 8,\n  "male": true,\n  "kids": null,\n  "brothers": ["Pedro", "Sara"]\n}';
    expect(read(text)).toEqual({ name: 'Matias', age: 8, male: true, kids: null, brothers: ['Pedro', 'Sara'] });
  });

  it.each([
    ['0.1', 0.1],
    ['-0', -0],
    ['1e2', 100],
    ['123456789012345', 123456789012345],
    ['"a\\"b\\u0041\\n"', 'a"bA\n'],
    ['[]', []],
    ['{}', {}],
    ['  true ', true],
    ['null', null],
  ])('reads %s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('keeps numbers past 15 digits exact as Decimals', () => {
    const v = read('{"id": 12345678901234567890, "p": 0.12345678901234567890123}') as Record<string, DwValue>;
    expect(v.id).toBeInstanceOf(Decimal);
    expect((v.id as Decimal).toFixed()).toBe('12345678901234567890');
    expect((v.p as Decimal).toFixed()).toBe('0.12345678901234567890123');
  });

  it('keeps a number too large for a double', () => {
    const v = read('[1e400]') as DwValue[];
    expect((v[0] as Decimal).toFixed()).toBe(`1${'0'.repeat(400)}`);
  });

  it('keeps repeated keys, in order', () => {
    const v = read('{"a": 1, "b": 2, "a": 3}');
    expect(v).toBeInstanceOf(DwObject);
    expect((v as DwObject).entries).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
      { key: 'a', value: 3 },
    ]);
  });

  it('keeps repeated keys nested below plain objects', () => {
    const v = read('{"o": {"x": [{"k": 1, "k": 2}]}}') as Record<string, Record<string, DwValue[]>>;
    expect(v.o!.x![0]).toBeInstanceOf(DwObject);
  });

  it('is not fooled by escaped quotes and colons inside strings', () => {
    expect(read('{"a": "x\\": y", "b": "\\\\"}')).toEqual({ a: 'x": y', b: '\\' });
    const v = read('{"a\\\\": 1, "a\\\\": 2}');
    expect((v as DwObject).entries.map((e) => e.key)).toEqual(['a\\', 'a\\']);
  });

  it('keeps a __proto__ key as a key', () => {
    const v = read('{"__proto__": {"x": 1}}');
    expect(v).toBeInstanceOf(DwObject);
    expect((v as DwObject).entries[0]!.key).toBe('__proto__');
  });

  it('reads bytes by their charset', () => {
    expect(readValue(new TextEncoder().encode('{"é": "ü"}'), 'application/json')).toEqual({ é: 'ü' });
    expect(readValue(new Uint8Array([0x22, 0xe9, 0x22]), 'application/json; charset=ISO-8859-1')).toBe('é');
    expect(readValue(new Uint8Array([0x22, 0xe9, 0x22]), 'application/json', { encoding: 'ISO-8859-1' })).toBe('é');
  });

  it('reads +json media types and ignores streaming', () => {
    expect(readValue('{"a": 1}', 'application/vnd.api+json', { streaming: true })).toEqual({ a: 1 });
    expect(readValue('[1]', 'text/json; charset=utf-8')).toEqual([1]);
  });

  it('reads an empty body as null', () => {
    expect(read('')).toBeNull();
    expect(read(' \n')).toBeNull();
  });

  it.each([['{"a": }'], ['[1,]'], ['{"a" 1}'], ['tru'], ['01'], ['"abc'], ['[1] x'], ['{a: 1}']])('fails on malformed %s', (text) => {
    expect(() => read(text)).toThrow(/Unexpected .* at payload@\[\d+:\d+\]/);
  });

  it('says where a malformed text goes wrong', () => {
    expect(() => read('{\n  "a": x\n}')).toThrow("Unexpected character 'x' at payload@[2:8] (line:column), expected a JSON value while reading JSON");
  });
});

describe('JSON writer', () => {
  it('indents with two spaces and "key": value by default', () => {
    expect(write({ friends: [{ name: 'Mariano' }, { name: 'Shoki' }] })).toBe(
      '{\n  "friends": [\n    {\n      "name": "Mariano"\n    },\n    {\n      "name": "Shoki"\n    }\n  ]\n}',
    );
  });

  it('writes one line with indent=false, as the cookbook shows', () => {
    expect(write({ hello: 'world', bello: 'world', mello: 'world' }, { indent: false })).toBe('{"hello": "world","bello": "world","mello": "world"}');
    expect(write({ a: [1, 2, { b: null }] }, { indent: false })).toBe('{"a": [1,2,{"b": null}]}');
    expect(writeValue({ a: 1 }, 'application/json; indent=false')).toBe('{"a": 1}');
  });

  it('writes empty objects and arrays inline', () => {
    expect(write({ a: {}, b: [] })).toBe('{\n  "a": {},\n  "b": []\n}');
    expect(write(new DwObject([]))).toBe('{}');
  });

  it.each<[DwValue, string]>([
    [1, '1'],
    [0.1, '0.1'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [new Decimal('12345678901234567890.5'), '12345678901234567890.5'],
    ['a/b "c" \\ é \n\u0001', '"a/b \\"c\\" \\\\ é \\n\\u0001"'],
    [true, 'true'],
    [null, 'null'],
  ])('writes %s', (v, expected) => {
    expect(write(v)).toBe(expected);
    expect(write(v, { indent: false })).toBe(expected);
  });

  it('writes repeated keys as repeated keys', () => {
    const o = makeObject([
      { key: 'a', value: 1 },
      { key: 'a', value: 2 },
    ]);
    expect(write(o)).toBe('{\n  "a": 1,\n  "a": 2\n}');
  });

  it('gathers repeated keys into an array with duplicateKeyAsArray', () => {
    const o = makeObject([
      { key: 'a', value: 1 },
      { key: 'b', value: 'x' },
      { key: 'a', value: 2 },
    ]);
    expect(write(o, { duplicateKeyAsArray: true, indent: false })).toBe('{"a": [1,2],"b": "x"}');
  });

  it.each([
    ['arrays', '{"a": null,"b": [1,2],"c": {"d": null}}'],
    ['objects', '{"b": [1,null,2],"c": {}}'],
    ['everywhere', '{"b": [1,2],"c": {}}'],
  ])('skipNullOn=%s', (skip, expected) => {
    expect(write({ a: null, b: [1, null, 2], c: { d: null } }, { skipNullOn: skip, indent: false })).toBe(expected);
  });

  it('fails on an unknown skipNullOn value', () => {
    expect(() => write({}, { skipNullOn: 'nowhere' })).toThrow(/skipNullOn/);
  });

  it('drops attributes unless writeAttributes', () => {
    const o = makeObject([{ key: 'ex3', value: 'hello', attrs: [{ key: 'a', value: 'greeting' }] }]);
    expect(write(o, { indent: false })).toBe('{"ex3": "hello"}');
    expect(write(o, { indent: false, writeAttributes: true })).toBe('{"ex3": {"@a": "greeting","__text": "hello"}}');
    const nested = makeObject([{ key: 'u', value: { n: '1' }, attrs: [{ key: 'id', value: '7' }] }]);
    expect(write(nested, { indent: false, writeAttributes: true })).toBe('{"u": {"@id": "7","n": "1"}}');
  });

  it('writes binaries in base64 and regexes as their pattern', () => {
    expect(write(new Uint8Array([104, 105]))).toBe('"aGk="');
    const re = { dwRegex: true as const, source: 'a+', global: () => /a+/g, once: () => /a+/ };
    expect(write([re])).toBe('[\n  "a+"\n]');
  });

  it('refuses functions', () => {
    expect(() => write({ f: () => 1 })).toThrow(/Function/);
  });

  it('round-trips what it reads', () => {
    const text = '{\n  "a": [\n    1,\n    0.5,\n    "x"\n  ],\n  "a": {\n    "b": 12345678901234567890\n  }\n}';
    expect(write(read(text))).toBe(text);
  });
});

describe('application/java', () => {
  it('reads the value as it is', () => {
    const v = { a: 1 };
    expect(readValue(v, 'application/java')).toBe(v);
  });

  it('writes plain values untouched and repeated keys as their first value', () => {
    const plain = { a: [1, { b: 2 }] };
    expect(writeValue(plain, 'application/java')).toBe(plain);
    const o = makeObject([
      { key: 'a', value: 1 },
      { key: 'a', value: 2 },
    ]);
    expect(writeValue({ x: [o] }, 'application/java')).toEqual({ x: [{ a: 1 }] });
    expect(writeValue(makeObject([{ key: '__proto__', value: 1, attrs: [] }]), 'application/java')).toEqual(JSON.parse('{"__proto__": 1}'));
  });
});

describe('text/plain', () => {
  it('reads text as a string, bytes decoded', () => {
    expect(readValue('This is text plain', 'text/plain')).toBe('This is text plain');
    expect(readValue(new TextEncoder().encode('héllo'), 'text/plain; charset=UTF-8')).toBe('héllo');
    expect(readValue('<b>x</b>', 'text/html')).toBe('<b>x</b>');
  });

  it('writes simple values as their text', () => {
    expect(writeValue('value@here', 'text/plain')).toBe('value@here');
    expect(writeValue(12.5, 'text/plain')).toBe('12.5');
    expect(writeValue(true, 'text/plain')).toBe('true');
    expect(writeValue(null, 'text/plain')).toBe('');
  });

  it('writes bytes as the text they encode', () => {
    expect(writeValue(new TextEncoder().encode('héllo'), 'text/plain')).toBe('héllo');
    expect(writeValue(new Uint8Array([0xe9]), 'text/plain; charset=ISO-8859-1')).toBe('é');
  });

  it('refuses objects and arrays as DataWeave does', () => {
    expect(() => writeValue({ a: 1 }, 'text/plain')).toThrow('Cannot coerce Object ({a: 1}) to String');
    expect(() => writeValue([1], 'text/plain')).toThrow('Cannot coerce Array ([1]) to String');
  });
});

describe('JSON reader fast path', () => {
  it('reads long digit runs inside strings as they are', () => {
    expect(read('{"card": "4111111111111111111", "t": "x 12345678901234567890"}')).toEqual({ card: '4111111111111111111', t: 'x 12345678901234567890' });
  });

  it.each([
    ['[1, 12345678901234567890]', '12345678901234567890'],
    ['{"a":-12345678901234567890}', '-12345678901234567890'],
    ['{"a":\n  0.30000000000000004}', '0.30000000000000004'],
    ['12345678901234567890', '12345678901234567890'],
    ['{"s": "a,1234567890123456", "n": 1.2345678901234567e5}', '123456.78901234567'],
  ])('keeps the number in %s exact', (text, digits) => {
    const found: string[] = [];
    const walk = (v: DwValue): void => {
      if (v instanceof Decimal) found.push(v.toFixed());
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object' && !(v instanceof DwObject)) Object.values(v).forEach((x) => walk(x as DwValue));
    };
    walk(read(text));
    expect(found).toEqual([digits]);
  });
});
