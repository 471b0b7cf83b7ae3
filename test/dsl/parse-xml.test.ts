import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/dsl/parse-xml.js';
import type { XmlElement } from '../../src/model/element.js';

const CORE = 'http://www.mulesoft.org/schema/mule/core';
const HTTP = 'http://www.mulesoft.org/schema/mule/http';
const DOC = 'http://www.mulesoft.org/schema/mule/documentation';

/** Parses a file that must be well formed and returns its root. */
function root(text: string): XmlElement {
  const parsed = parseXml('app.xml', text);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.root!;
}

const at = (loc: { line: number; col: number } | undefined) => (loc ? `${loc.line}:${loc.col}` : undefined);

describe('parseXml', () => {
  describe('namespaces', () => {
    it('resolves an element by its namespace URI, whatever the prefix', () => {
      const mule = root(`<mule xmlns="${CORE}"><flow name="f"><h:listener xmlns:h="${HTTP}" config-ref="l" path="/"/></flow></mule>`);
      const listener = mule.children[0]!.children[0]!;
      expect(listener).toMatchObject({ key: 'http:listener', ns: 'http', local: 'listener', nsUri: HTTP });
    });

    it('reads a familiar prefix bound to another module as that module', () => {
      const mule = root(`<mule xmlns="${CORE}" xmlns:http="http://www.mulesoft.org/schema/mule/db"><http:select/></mule>`);
      expect(mule.children[0]!.key).toBe('db:select');
    });

    it('resolves a default namespace redeclared on a child', () => {
      const mule = root(`<mule xmlns="${CORE}"><flow name="f"><listener xmlns="${HTTP}" config-ref="l" path="/"/><logger/></flow></mule>`);
      const [listener, logger] = mule.children[0]!.children;
      expect(listener!.key).toBe('http:listener');
      expect(logger!.key).toBe('logger');
    });

    it('treats https and a trailing slash in a namespace URI as the same namespace', () => {
      const mule = root(`<mule xmlns="${CORE}" xmlns:x="https://www.mulesoft.org/schema/mule/http/"><x:listener/></mule>`);
      expect(mule.children[0]!.key).toBe('http:listener');
    });

    it('keys an element of a foreign namespace by its URI', () => {
      const mule = root(`<mule xmlns="${CORE}" xmlns:foo="http://example.com/foo"><foo:bar/></mule>`);
      expect(mule.children[0]).toMatchObject({ key: 'http://example.com/foo:bar', nsUri: 'http://example.com/foo' });
    });

    it('reads core elements of a file without a default namespace as Mule core', () => {
      expect(root('<mule><flow name="f"/></mule>').children[0]!.key).toBe('flow');
    });

    it('reports an undeclared element prefix at the element, with the xmlns to add', () => {
      const parsed = parseXml('app.xml', `<mule xmlns="${CORE}">\n  <flow name="f">\n    <http:listener path="/"/>\n  </flow>\n</mule>`);
      expect(parsed.diagnostics).toEqual([
        {
          code: 'undeclared-prefix',
          message: 'namespace prefix "http" of <http:listener> is not declared',
          loc: { file: 'app.xml', line: 3, col: 5 },
          hint: `add xmlns:http="${HTTP}" to the <mule> element`,
          severity: 'error',
        },
      ]);
    });

    it('reports an undeclared attribute prefix at the attribute', () => {
      const parsed = parseXml('app.xml', `<mule xmlns="${CORE}">\n  <flow name="f" doc:name="Main"/>\n</mule>`);
      expect(parsed.diagnostics.map((d) => [d.message, at(d.loc)])).toEqual([['namespace prefix "doc" of attribute doc:name is not declared', '2:18']]);
    });
  });

  describe('attributes', () => {
    it('keeps doc:name under its canonical name, whatever the prefix', () => {
      const mule = root(`<mule xmlns="${CORE}" xmlns:d="${DOC}"><flow name="f" d:name="Main flow"/></mule>`);
      expect(mule.children[0]!.attrs.get('doc:name')?.value).toBe('Main flow');
    });

    it('decodes entities in attribute values', () => {
      const mule = root(`<mule xmlns="${CORE}"><set-payload value="a &amp; b &lt; c"/></mule>`);
      expect(mule.children[0]!.attrs.get('value')?.value).toBe('a & b < c');
    });

    it('does not expose xmlns declarations as attributes', () => {
      const mule = root(`<mule xmlns="${CORE}" xmlns:doc="${DOC}"><flow name="f"/></mule>`);
      expect([...mule.attrs.keys()]).toEqual([]);
    });
  });

  describe('positions', () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<mule xmlns="${CORE}" xmlns:http="${HTTP}">`,
      '  <flow name="f">',
      '    <http:listener config-ref="l"',
      "                   path='/a>b'/>",
      '  </flow>',
      '</mule>',
    ].join('\n');

    it('locates each element at its "<"', () => {
      const mule = root(text);
      const flow = mule.children[0]!;
      expect([at(mule.loc), at(flow.loc), at(flow.children[0]!.loc)]).toEqual(['2:1', '3:3', '4:5']);
    });

    it('locates attribute names and values, across lines and quote styles', () => {
      const listener = root(text).children[0]!.children[0]!;
      const ref = listener.attrs.get('config-ref')!;
      const path = listener.attrs.get('path')!;
      expect([at(ref.loc), at(ref.valueLoc), at(path.loc), at(path.valueLoc)]).toEqual(['4:20', '4:32', '5:20', '5:26']);
      expect(path.value).toBe('/a>b');
    });

    it('carries the file name in every location', () => {
      const parsed = parseXml('flows/orders.xml', `<mule xmlns="${CORE}"><flow name="f"/></mule>`);
      expect(parsed.root!.children[0]!.attrs.get('name')!.loc.file).toBe('flows/orders.xml');
    });
  });

  describe('text and CDATA', () => {
    it('reads CDATA content without the whitespace around the section, located inside it', () => {
      const mule = root(
        [
          `<mule xmlns="${CORE}" xmlns:ee="http://www.mulesoft.org/schema/mule/ee/core">`,
          '  <ee:set-payload>',
          '    <![CDATA[{',
          '  "a": payload.b',
          '}]]>',
          '  </ee:set-payload>',
          '</mule>',
        ].join('\n'),
      );
      const script = mule.children[0]!;
      expect(script.text).toBe('{\n  "a": payload.b\n}');
      expect(at(script.textLoc)).toBe('3:14');
    });

    it('keeps markup characters inside CDATA as text', () => {
      const mule = root(`<mule xmlns="${CORE}"><set-payload><![CDATA[payload.a < 1 and payload.b > 2 & "<x/>"]]></set-payload></mule>`);
      expect(mule.children[0]!.text).toBe('payload.a < 1 and payload.b > 2 & "<x/>"');
      expect(mule.children[0]!.children).toEqual([]);
    });

    it('reads plain text content located right after the start tag', () => {
      const mule = root(`<mule xmlns="${CORE}">\n  <logger>hello</logger>\n</mule>`);
      expect(mule.children[0]!.text).toBe('hello');
      expect(at(mule.children[0]!.textLoc)).toBe('2:11');
    });

    it('keeps text written around a CDATA section', () => {
      const mule = root(`<mule xmlns="${CORE}"><set-payload>"a" &amp; <![CDATA["<b>"]]> &amp; "c"</set-payload></mule>`);
      expect(mule.children[0]!.text).toBe('"a" & "<b>" & "c"');
    });

    it('gives whitespace-only content no text and no text location', () => {
      const mule = root(`<mule xmlns="${CORE}">\n  <flow name="f">\n  </flow>\n</mule>`);
      expect(mule.children[0]).toMatchObject({ text: '', textLoc: undefined });
    });

    it('ignores comments', () => {
      const mule = root(`<mule xmlns="${CORE}"><!-- <flow name="hidden"/> --><flow name="f"/></mule>`);
      expect(mule.children.map((c) => c.attrs.get('name')?.value)).toEqual(['f']);
    });
  });

  describe('malformed XML', () => {
    it('reports the line and column the XML validator gives', () => {
      const parsed = parseXml('app.xml', `<mule xmlns="${CORE}">\n  <flow name="a" name="b"/>\n</mule>`);
      expect(parsed.root).toBeUndefined();
      expect(parsed.diagnostics).toEqual([
        {
          code: 'malformed-xml',
          message: "malformed XML: Attribute 'name' is repeated.",
          loc: { file: 'app.xml', line: 2, col: 18 },
          hint: undefined,
          severity: 'error',
        },
      ]);
    });

    it('points a file that ends with elements open at the innermost one', () => {
      const text = `<mule xmlns="${CORE}">\n  <flow name="a">\n    <!-- <not-a-tag> -->\n    <logger message="a > b"/>\n    <choice>\n      <when expression="#[true]"><set-payload value="x"/></when>\n`;
      const parsed = parseXml('app.xml', text);
      expect(parsed.diagnostics.map((d) => [d.message, d.loc])).toEqual([['malformed XML: <choice> is never closed', { file: 'app.xml', line: 5, col: 5 }]]);
    });

    it('reports an empty file at line 1, column 1, saying it is empty', () => {
      const parsed = parseXml('app.xml', '');
      expect(parsed.root).toBeUndefined();
      expect(parsed.diagnostics.map((d) => [d.code, d.loc, d.message])).toEqual([
        ['empty-file', { file: 'app.xml', line: 1, col: 1 }, 'the file is empty; a flow file starts with <mule>'],
      ]);
    });
  });
});
