import { describe, expect, it } from 'vitest';
import { readValue, writeValue } from '../../../../src/expr/dataweave/formats/index.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject, entriesOf, field } from '../../../../src/expr/dataweave/values/model.js';

const RAW = [
  '--34b21',
  'Content-Disposition: form-data; name="text"',
  'Content-Type: text/plain',
  '',
  'Book',
  '--34b21',
  'Content-Disposition: form-data; name="file1"; filename="a.json"',
  'Content-Type: application/json',
  '',
  '{',
  '  "title": "Java 8 in Action",',
  '  "author": "Mario Fusco",',
  '  "year": 2014',
  '}',
  '--34b21',
  'Content-Disposition: form-data; name="file2"; filename="a.bin"',
  '',
  '<title>x</title>',
  '--34b21--',
  '',
].join('\r\n');

const get = (v: DwValue, ...keys: string[]): DwValue => keys.reduce<DwValue>((cur, k) => field(cur as DwObject, k) ?? null, v);

describe('multipart reader', () => {
  it('reads the documented structure', () => {
    const v = readValue(RAW, 'multipart/form-data', { boundary: '34b21' });
    expect(get(v, 'parts', 'text', 'content')).toBe('Book');
    expect(get(v, 'parts', 'text', 'headers')).toEqual({ 'Content-Disposition': { name: 'text', subtype: 'form-data' }, 'Content-Type': 'text/plain' });
    expect(get(v, 'parts', 'file1', 'headers', 'Content-Disposition')).toEqual({ name: 'file1', filename: 'a.json', subtype: 'form-data' });
    expect(get(v, 'parts', 'file1', 'content')).toEqual({ title: 'Java 8 in Action', author: 'Mario Fusco', year: 2014 });
    expect(get(v, 'parts', 'file2', 'content')).toEqual(new TextEncoder().encode('<title>x</title>'));
  });

  it('takes the boundary from the MIME type, or from the first line', () => {
    const byParam = readValue(RAW, 'multipart/form-data; boundary=34b21');
    expect(entriesOf(get(byParam, 'parts') as DwObject).map((e) => e.key)).toEqual(['text', 'file1', 'file2']);
    expect(get(readValue(new TextEncoder().encode(RAW), 'multipart/form-data'), 'parts', 'text', 'content')).toBe('Book');
  });

  it('reads LF line breaks, repeated names and defaultContentType', () => {
    const raw = '--b\nContent-Disposition: form-data; name="a"\n\n1\n--b\nContent-Disposition: form-data; name="a"\n\n2\n--b--\n';
    const parts = get(readValue(raw, 'multipart/form-data', { defaultContentType: 'text/plain' }), 'parts') as DwObject;
    expect(parts).toBeInstanceOf(DwObject);
    expect(parts.entries.map((e) => get(e.value, 'content'))).toEqual(['1', '2']);
  });

  it('reads a part by its Content-Type parameters', () => {
    const raw =
      '--b\r\nContent-Type: application/csv;separator=.\r\nContent-Disposition: form-data; name="partner"\r\n\r\npartnerName.id\r\nmulesoft.1\r\n--b--';
    expect(get(readValue(raw, 'multipart/form-data; boundary=b'), 'parts', 'partner', 'content')).toEqual([{ partnerName: 'mulesoft', id: '1' }]);
  });

  it('fails without a closing boundary', () => {
    expect(() => readValue('--b\r\n\r\nx', 'multipart/form-data')).toThrow(/closing boundary/);
  });
});

describe('multipart writer', () => {
  it('writes parts with CRLF, Content-Type first, the key as default name', () => {
    const v = {
      parts: {
        orderAck: { headers: { 'Content-Type': 'text/plain' }, content: 'Order received.' },
        file1: { headers: { 'Content-Disposition': { name: 'f', filename: 'a.json' }, 'Content-Type': 'application/json' }, content: { year: 2014 } },
        other: { content: '{"name": "x"}' },
      },
    };
    const out = new TextDecoder().decode(writeValue(v, 'multipart/form-data', { boundary: 'test2' }) as Uint8Array);
    expect(out).toBe(
      [
        '--test2',
        'Content-Type: text/plain',
        'Content-Disposition: form-data; name="orderAck"',
        '',
        'Order received.',
        '--test2',
        'Content-Type: application/json',
        'Content-Disposition: form-data; name="f"; filename="a.json"',
        '',
        '{\n  "year": 2014\n}',
        '--test2',
        'Content-Disposition: form-data; name="other"',
        '',
        '{"name": "x"}',
        '--test2--',
        '',
      ].join('\r\n'),
    );
  });

  it('generates a boundary and reads back what it writes', () => {
    const v = { parts: { a: { headers: { 'Content-Type': 'application/xml' }, content: { r: { x: '1' } } }, b: { content: new Uint8Array([0, 255]) } } };
    const out = writeValue(v, 'multipart/form-data') as Uint8Array;
    const text = new TextDecoder('latin1').decode(out);
    expect(text.startsWith('------flowrt')).toBe(true);
    const back = readValue(out, 'multipart/form-data');
    expect(get(back, 'parts', 'a', 'content')).toEqual({ r: { x: '1' } });
    expect(get(back, 'parts', 'b', 'content')).toEqual(new Uint8Array([0, 255]));
  });

  it('needs parts', () => {
    expect(() => writeValue({ a: 1 }, 'multipart/form-data')).toThrow(/parts/);
  });
});
