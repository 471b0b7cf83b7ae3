import { describe, expect, it } from 'vitest';
import { readValue, writeValue } from '../../../../src/expr/dataweave/formats/index.js';
import type { DwValue, Entry } from '../../../../src/expr/dataweave/values/model.js';
import { DwObject, entriesOf, fields, makeObject } from '../../../../src/expr/dataweave/values/model.js';

const read = (text: string, props = {}) => readValue(text, 'application/xml', props);
const write = (v: DwValue, props = {}) => writeValue(v, 'application/xml', props) as string;
const DECL = "<?xml version='1.0' encoding='UTF-8'?>\n";

/** The value under `key` of an object read from XML. */
function at(v: DwValue, ...keys: string[]): DwValue {
  let cur = v;
  for (const k of keys) cur = entriesOf(cur as DwObject).find((e) => e.key === k)!.value;
  return cur;
}

describe('XML reader', () => {
  it('reads repeated elements as repeated keys', () => {
    const v = read("<?xml version='1.0' encoding='UTF-8'?>\n<friends>\n  <name>Mariano</name>\n  <name>Shoki</name>\n  <name>Tomo</name>\n</friends>");
    const friends = at(v, 'friends') as DwObject;
    expect(fields(friends, 'name')).toEqual(['Mariano', 'Shoki', 'Tomo']);
  });

  it('reads simple documents as plain objects of strings', () => {
    expect(read('<root><a>1</a><b><c>true</c></b></root>')).toEqual({ root: { a: '1', b: { c: 'true' } } });
  });

  it('reads xsi:nil="true" as null', () => {
    const v = read('<book xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n    <author xsi:nil="true"/>\n</book>');
    expect(at(v, 'book', 'author')).toBeNull();
  });

  it('reads blank elements as null by default (nullValueOn="blank")', () => {
    const text = '<book>\n    <author></author>\n    <title>\n\n</title>\n</book>';
    expect(read(text)).toEqual({ book: { author: null, title: null } });
    expect(read(text, { nullValueOn: 'blank' })).toEqual({ book: { author: null, title: null } });
  });

  it('nullValueOn="empty" keeps whitespace text', () => {
    expect(read('<book>\n    <author></author>\n    <title>\n\n</title>\n</book>', { nullValueOn: 'empty' })).toEqual({
      book: { author: null, title: '\n\n' },
    });
  });

  it('nullValueOn="none" reads empty elements as empty strings', () => {
    expect(read('<a><b/></a>', { nullValueOn: 'none' })).toEqual({ a: { b: '' } });
  });

  it('puts attributes on the keys', () => {
    const v = read(
      '<users>\n  <company>MuleSoft</company>\n  <user name="Leandro" lastName="Shokida"/>\n  <user name="Mariano" lastName="Achaval"/>\n</users>',
    );
    const users = at(v, 'users') as DwObject;
    expect(users.entries[0]).toEqual({ key: 'company', value: 'MuleSoft' });
    expect(users.entries[1]!.attrs).toEqual([
      { key: 'name', value: 'Leandro' },
      { key: 'lastName', value: 'Shokida' },
    ]);
    expect(users.entries[2]!.attrs![0]!.value).toBe('Mariano');
  });

  it('resolves namespaces to URIs and keeps the prefixes', () => {
    const v = read(`<root>
    <h:table xmlns:h="http://www.w3.org/TR/html4/"><h:tr><h:td>Apples</h:td><h:td>Bananas</h:td></h:tr></h:table>
    <f:table xmlns:f="https://www.w3schools.com/furniture"><f:name>African Coffee Table</f:name></f:table>
</root>`);
    const root = at(v, 'root') as DwObject;
    const [h, f] = root.entries as [Entry, Entry];
    expect([h.key, h.ns, h.prefix]).toEqual(['table', 'http://www.w3.org/TR/html4/', 'h']);
    expect([f.key, f.ns, f.prefix]).toEqual(['table', 'https://www.w3schools.com/furniture', 'f']);
    const tds = (at(h.value, 'tr') as DwObject).entries;
    expect(tds.map((e) => e.value)).toEqual(['Apples', 'Bananas']);
    expect(tds[0]!.ns).toBe('http://www.w3.org/TR/html4/');
  });

  it('puts unprefixed elements in the default namespace, and not their attributes', () => {
    const v = read('<a xmlns="urn:x" id="1"><b>t</b></a>');
    const a = (v as DwObject).entries[0]!;
    expect(a.ns).toBe('urn:x');
    expect(a.prefix).toBeUndefined();
    expect(a.attrs).toEqual([{ key: 'id', value: '1' }]);
    expect((a.value as DwObject).entries[0]!.ns).toBe('urn:x');
  });

  it('reads prefixed attributes with their namespace', () => {
    const v = read('<cXML xml:lang="en-US" payloadID="1"/>');
    const attrs = (v as DwObject).entries[0]!.attrs!;
    expect(attrs[0]).toEqual({ key: 'lang', value: 'en-US', ns: 'http://www.w3.org/XML/1998/namespace', prefix: 'xml' });
  });

  it('decodes entities, character references and CDATA', () => {
    expect(read('<a><b>x &amp; &lt;y&gt; &#65;&#x42;</b><c><![CDATA[A text <a>]]></c></a>')).toEqual({ a: { b: 'x & <y> AB', c: 'A text <a>' } });
  });

  it('keeps element text untrimmed', () => {
    expect(read('<a>  x  </a>')).toEqual({ a: '  x  ' });
  });

  it('keeps the elements of mixed content', () => {
    expect(read('<p>Hello <b>bold</b> world</p>')).toEqual({ p: { b: 'bold' } });
  });

  it('ignores comments, processing instructions and the declaration', () => {
    expect(read('<?xml version="1.0"?>\n<!-- c --><?pi x?><a><!-- c --><b>1</b></a>')).toEqual({ a: { b: '1' } });
  });

  it('fails on malformed XML', () => {
    expect(() => read('<a><b></a>')).toThrow(/Invalid XML/);
    expect(() => read('<a><p:b/></a>')).toThrow(/prefix 'p'/);
  });

  it('reads bytes by the charset', () => {
    expect(readValue(new Uint8Array([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]), 'text/xml; charset=ISO-8859-1')).toEqual({ a: 'é' });
    expect(readValue('<a>1</a>', 'application/soap+xml')).toEqual({ a: '1' });
  });
});

describe('XML writer', () => {
  it('writes the declaration and indents by two spaces', () => {
    expect(write({ root: { a: '1', b: { c: true } } })).toBe(`${DECL}<root>\n  <a>1</a>\n  <b>\n    <c>true</c>\n  </b>\n</root>`);
  });

  it('writes repeated keys as repeated elements', () => {
    const friends = makeObject(['Mariano', 'Shoki'].map((n) => ({ key: 'name', value: n })));
    expect(write({ friends })).toBe(`${DECL}<friends>\n  <name>Mariano</name>\n  <name>Shoki</name>\n</friends>`);
  });

  it('writes null and empty objects as inline-closed elements by default', () => {
    expect(write({ customer: { userName: 'John Doe', password: {}, lastLogin: null } })).toBe(
      `${DECL}<customer>\n  <userName>John Doe</userName>\n  <password/>\n  <lastLogin/>\n</customer>`,
    );
  });

  it('writes open and close tags with inlineCloseOn="none"', () => {
    const v = { someXml: { parentElement: { emptyElement1: null, emptyElement2: null } } };
    expect(write(v, { inlineCloseOn: 'none' })).toBe(
      `${DECL}<someXml>\n  <parentElement>\n    <emptyElement1></emptyElement1>\n    <emptyElement2></emptyElement2>\n  </parentElement>\n</someXml>`,
    );
  });

  it('writes one line without the declaration when asked', () => {
    expect(write({ a: { b: '1', c: '2' } }, { indent: false, writeDeclaration: false })).toBe('<a><b>1</b><c>2</c></a>');
    expect(write({ a: 1 }, { indent: false })).toBe("<?xml version='1.0' encoding='UTF-8'?><a>1</a>");
  });

  it('names the encoding in the declaration, in double quotes if asked', () => {
    expect(write({ a: 1 }, { encoding: 'ISO-8859-1', doubleQuoteInDeclaration: true })).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>1</a>');
  });

  it('writes attributes in double quotes, escaped', () => {
    const v = makeObject([
      {
        key: 'cXML',
        value: { Header: 'h' },
        attrs: [
          { key: 'payloadID', value: '99' },
          { key: 'q', value: 'a"<&b' },
        ],
      },
    ]);
    expect(write(v)).toBe(`${DECL}<cXML payloadID="99" q="a&quot;&lt;&amp;b">\n  <Header>h</Header>\n</cXML>`);
  });

  it('declares namespaces where they are first used', () => {
    const td = (v: string): Entry => ({ key: 'td', value: v, ns: 'http://www.w3.org/TR/html4/', prefix: 'h' });
    const table = makeObject([{ key: 'table', value: makeObject([td('Apples'), td('Bananas')]), ns: 'http://www.w3.org/TR/html4/', prefix: 'h' }]);
    expect(write({ root: table })).toBe(
      `${DECL}<root>\n  <h:table xmlns:h="http://www.w3.org/TR/html4/">\n    <h:td>Apples</h:td>\n    <h:td>Bananas</h:td>\n  </h:table>\n</root>`,
    );
  });

  it('writes a default namespace for a namespaced key without prefix, and defaultNamespace', () => {
    expect(write(makeObject([{ key: 'a', value: 'x', ns: 'urn:a' }]))).toBe(`${DECL}<a xmlns="urn:a">x</a>`);
    expect(write({ a: { b: 'x' } }, { defaultNamespace: 'urn:d' })).toBe(`${DECL}<a xmlns="urn:d">\n  <b>x</b>\n</a>`);
  });

  it('writes xml:lang without declaring xml', () => {
    const v = makeObject([{ key: 'c', value: 'x', attrs: [{ key: 'lang', value: 'en', ns: 'http://www.w3.org/XML/1998/namespace', prefix: 'xml' }] }]);
    expect(write(v)).toBe(`${DECL}<c xml:lang="en">x</c>`);
  });

  it('writes xsi:nil with writeNilOnNull', () => {
    expect(write({ book: { author: null } }, { writeNilOnNull: true })).toBe(
      `${DECL}<book>\n  <author xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>\n</book>`,
    );
  });

  it.each([
    ['elements', '<a><c x="">1</c></a>'],
    ['attributes', '<a><b/><c>1</c></a>'],
    ['everywhere', '<a><c>1</c></a>'],
  ])('skipNullOn=%s', (skip, expected) => {
    const v = {
      a: makeObject([
        { key: 'b', value: null },
        { key: 'c', value: 1, attrs: [{ key: 'x', value: null }] },
      ]),
    };
    expect(write(v, { skipNullOn: skip, indent: false, writeDeclaration: false })).toBe(expected);
  });

  it('escapes text; > and CR only when asked', () => {
    expect(write({ a: 'x < y & z > w\r' }, { writeDeclaration: false })).toBe('<a>x &lt; y &amp; z > w\r</a>');
    expect(write({ a: 'z > w\r' }, { writeDeclaration: false, escapeGT: true, escapeCR: true })).toBe('<a>z &gt; w&#xD;</a>');
  });

  it('writes arrays of simple values as repeated elements, arrays of objects inside one element', () => {
    expect(write({ r: { a: [1, 2] } }, { writeDeclaration: false })).toBe('<r>\n  <a>1</a>\n  <a>2</a>\n</r>');
    expect(write({ r: { a: [{ b: 1 }, { b: 2 }] } }, { writeDeclaration: false })).toBe('<r>\n  <a>\n    <b>1</b>\n    <b>2</b>\n  </a>\n</r>');
  });

  it('writes numbers and booleans as their text', () => {
    expect(write({ r: { n: 0.1, big: 1e21, t: false } }, { indent: false, writeDeclaration: false })).toBe(
      '<r><n>0.1</n><big>1000000000000000000000</big><t>false</t></r>',
    );
  });

  it('needs one root', () => {
    expect(() => write({ a: 1, b: 2 })).toThrow('Trying to output second root, <b>');
    expect(() => write([1])).toThrow(/outside main element tree/);
    expect(() => write('x')).toThrow(/outside main element tree/);
  });

  it('round-trips a document with attributes and namespaces', () => {
    const text = `${DECL}<root xmlns:h="urn:h">\n  <h:t id="1">\n    <h:d>A</h:d>\n    <h:d>B</h:d>\n  </h:t>\n  <e/>\n</root>`;
    expect(write(read(text))).toBe(text.replace('<root xmlns:h="urn:h">', '<root>').replace('<h:t id="1">', '<h:t xmlns:h="urn:h" id="1">'));
  });
});
