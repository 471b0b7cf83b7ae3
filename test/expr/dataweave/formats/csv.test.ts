import { describe, expect, it } from 'vitest';
import { readValue, writeValue } from '../../../../src/expr/dataweave/formats/index.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject, makeObject } from '../../../../src/expr/dataweave/values/model.js';

const read = (text: string, props = {}) => readValue(text, 'application/csv', props);
const write = (v: DwValue, props = {}) => writeValue(v, 'application/csv', props) as string;

describe('CSV reader', () => {
  it('reads the documented example as objects of strings', () => {
    expect(read('name,lastname,age,gender\nMariano,de Achaval,37,male\nPaula,de Estrada,37,female\n')).toEqual([
      { name: 'Mariano', lastname: 'de Achaval', age: '37', gender: 'male' },
      { name: 'Paula', lastname: 'de Estrada', age: '37', gender: 'female' },
    ]);
  });

  it('keys columns column_0 … with header=false', () => {
    expect(read('macaroni , rigatoni\n1,2', { header: false })).toEqual([
      { column_0: 'macaroni ', column_1: ' rigatoni' },
      { column_0: '1', column_1: '2' },
    ]);
  });

  it('takes the separator from a property or the MIME type', () => {
    const text = 'id|name\n1234|Shokida,Mr.';
    expect(read(text, { separator: '|' })).toEqual([{ id: '1234', name: 'Shokida,Mr.' }]);
    expect(readValue(text, 'application/csv; separator=|; header=true')).toEqual([{ id: '1234', name: 'Shokida,Mr.' }]);
    expect(read('a\tb\n1\t2', { separator: '\t' })).toEqual([{ a: '1', b: '2' }]);
  });

  it.each(['^', ']', '-', '.', '*'])('takes %s, a regex character, as separator', (sep) => {
    expect(read(`a${sep}b\n1${sep}"x${sep}y"`, { separator: sep })).toEqual([{ a: '1', b: `x${sep}y` }]);
  });

  it('reads quoted fields with separators, line breaks and quotes', () => {
    expect(read('a,b\n"x,y","line1\nline2"\n"say ""hi""","say \\"yo\\""')).toEqual([
      { a: 'x,y', b: 'line1\nline2' },
      { a: 'say "hi"', b: 'say "yo"' },
    ]);
  });

  it('reads an escaped separator outside quotes and keeps other backslashes', () => {
    expect(read('a,b\nAchaval\\,Mr.,C:\\dir')).toEqual([{ a: 'Achaval,Mr.', b: 'C:\\dir' }]);
  });

  it('takes quote and escape characters', () => {
    expect(read("a;b\n'x;y';2", { separator: ';', quote: "'" })).toEqual([{ a: 'x;y', b: '2' }]);
    expect(read('a\n"x~"y"', { escape: '~' })).toEqual([{ a: 'x"y' }]);
  });

  it('handles CRLF, a BOM and a missing final line break', () => {
    expect(read('\ufeffa,b\r\n1,2\r\n3,4')).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });

  it('ignores empty lines unless ignoreEmptyLine=false', () => {
    expect(read('a\n1\n\n2\n')).toEqual([{ a: '1' }, { a: '2' }]);
    expect(read('a\n1\n\n2\n', { ignoreEmptyLine: false })).toEqual([{ a: '1' }, { a: '' }, { a: '2' }]);
  });

  it('reads empty fields as empty strings and extra fields as column_n', () => {
    expect(read('a,b\n,\n1,2,3')).toEqual([
      { a: '', b: '' },
      { a: '1', b: '2', column_2: '3' },
    ]);
  });

  it('keeps repeated header names as repeated keys', () => {
    const [row] = read('a,a\n1,2') as DwValue[];
    expect(row).toBeInstanceOf(DwObject);
    expect((row as DwObject).entries.map((e) => e.value)).toEqual(['1', '2']);
  });

  it('starts at headerLineNumber and bodyStartLineNumber', () => {
    expect(read('title\nh1,h2\n1,2', { headerLineNumber: 1 })).toEqual([{ h1: '1', h2: '2' }]);
    expect(read('h1\nskip\n1', { bodyStartLineNumber: 2 })).toEqual([{ h1: '1' }]);
  });

  it('reads an empty text as no rows', () => {
    expect(read('')).toEqual([]);
    expect(read('a,b\n')).toEqual([]);
  });
});

describe('CSV writer', () => {
  const rows = [
    { name: 'Mariano', age: 37 },
    { name: 'Paula', age: 37.5 },
  ];

  it('writes a header and one line per row', () => {
    expect(write(rows)).toBe('name,age\nMariano,37\nPaula,37.5\n');
  });

  it('omits the header with header=false', () => {
    expect(write(rows, { header: false })).toBe('Mariano,37\nPaula,37.5\n');
  });

  it('takes separator and lineSeparator', () => {
    expect(write(rows, { separator: '|', lineSeparator: '\r\n' })).toBe('name|age\r\nMariano|37\r\nPaula|37.5\r\n');
  });

  it('quotes values holding separators, quotes or line breaks', () => {
    expect(write([{ a: 'x,y', b: 'say "hi"', c: 'l1\nl2', d: 'plain' }])).toBe('a,b,c,d\n"x,y","say \\"hi\\"","l1\nl2",plain\n');
  });

  it('quotes everything with quoteValues, the header with quoteHeader', () => {
    expect(write(rows, { quoteValues: true })).toBe('name,age\n"Mariano","37"\n"Paula","37.5"\n');
    expect(write(rows, { quoteHeader: true })).toBe('"name","age"\nMariano,37\nPaula,37.5\n');
  });

  it('uses the quote and escape characters given', () => {
    expect(write([{ a: "it's,x" }], { quote: "'", escape: "'" })).toBe("a\n'it''s,x'\n");
  });

  it('writes null as an empty value and booleans as text', () => {
    expect(write([{ a: null, b: true }])).toBe('a,b\n,true\n');
  });

  it('writes one object as one row, arrays of values as rows', () => {
    expect(write({ a: 1 })).toBe('a\n1\n');
    expect(write([['x', 'y']], { header: false })).toBe('x,y\n');
  });

  it('writes nothing for no rows', () => {
    expect(write([])).toBe('');
  });

  it('writes repeated keys as repeated columns', () => {
    const row = makeObject([
      { key: 'a', value: 1 },
      { key: 'a', value: 2 },
    ]);
    expect(write([row])).toBe('a,a\n1,2\n');
  });

  it('refuses nested values', () => {
    expect(() => write([{ a: { b: 1 } }])).toThrow(/Cannot coerce Object/);
    expect(() => write('x')).toThrow(/Cannot coerce String/);
  });

  it('round-trips tricky values', () => {
    const data = [{ a: 'x,y', b: 'C:\\dir\\', c: 'q"\\"', d: '\\\\' }];
    expect(read(write(data))).toEqual(data);
    expect(read(write(data, { quoteValues: true }))).toEqual(data);
  });
});
