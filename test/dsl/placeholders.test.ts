import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/dsl/parse-xml.js';
import { resolvePlaceholders } from '../../src/dsl/placeholders.js';
import type { XmlElement } from '../../src/model/element.js';

const CORE = 'http://www.mulesoft.org/schema/mule/core';

function parse(text: string): XmlElement {
  const parsed = parseXml('app.xml', text);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.root!;
}

const props: Record<string, string> = { 'http.port': '8081', 'http.host': '0.0.0.0', greeting: 'hello' };
const lookup = (key: string): string | undefined => props[key];

describe('resolvePlaceholders', () => {
  it('replaces ${key} in attribute values, several per value, around other text', () => {
    const root = parse(`<mule xmlns="${CORE}"><c host="\${http.host}" url="http://\${http.host}:\${http.port}/api"/></mule>`);
    const { root: out, diagnostics } = resolvePlaceholders(root, lookup);
    expect(diagnostics).toEqual([]);
    const c = out.children[0]!;
    expect(c.attrs.get('host')!.value).toBe('0.0.0.0');
    expect(c.attrs.get('url')!.value).toBe('http://0.0.0.0:8081/api');
  });

  it('ignores spaces inside the braces', () => {
    const { root } = resolvePlaceholders(parse(`<mule xmlns="${CORE}"><c port="\${ http.port }"/></mule>`), lookup);
    expect(root.children[0]!.attrs.get('port')!.value).toBe('8081');
  });

  it('replaces placeholders in text and CDATA scripts', () => {
    const root = parse(`<mule xmlns="${CORE}"><s><![CDATA["\${greeting}, " & payload.name]]></s><t>\${greeting}</t></mule>`);
    const { root: out } = resolvePlaceholders(root, lookup);
    expect(out.children.map((c) => c.text)).toEqual(['"hello, " & payload.name', 'hello']);
  });

  it('leaves expressions and plain values alone', () => {
    const root = parse(`<mule xmlns="${CORE}"><c value="#[payload.a]" name="x"/></mule>`);
    const { root: out, diagnostics } = resolvePlaceholders(root, () => undefined);
    expect(diagnostics).toEqual([]);
    expect(out.children[0]!.attrs.get('value')!.value).toBe('#[payload.a]');
  });

  it('keeps the value locations of the source', () => {
    const root = parse(`<mule xmlns="${CORE}">\n  <c port="\${http.port}"/>\n</mule>`);
    const { root: out } = resolvePlaceholders(root, lookup);
    expect(out.children[0]!.attrs.get('port')!.valueLoc).toEqual({ file: 'app.xml', line: 2, col: 12 });
  });

  it('names each missing property at its own placeholder in an attribute', () => {
    const root = parse(`<mule xmlns="${CORE}">\n  <c url="http://\${nope}:\${http.port}/\${also.nope}"/>\n</mule>`);
    const { diagnostics } = resolvePlaceholders(root, lookup);
    expect(diagnostics.map((d) => [d.code, d.message, d.loc])).toEqual([
      ['missing-property', 'property "nope" is not defined', { file: 'app.xml', line: 2, col: 18 }],
      ['missing-property', 'property "also.nope" is not defined', { file: 'app.xml', line: 2, col: 39 }],
    ]);
    expect(diagnostics[0]!.hint).toContain('--prop');
  });

  it('locates a missing property on its own line inside a CDATA script', () => {
    const root = parse(`<mule xmlns="${CORE}">\n  <s><![CDATA[{\n  "a": "\${nope}"\n}]]></s>\n</mule>`);
    const { diagnostics } = resolvePlaceholders(root, lookup);
    expect(diagnostics.map((d) => [d.message, d.loc])).toEqual([['property "nope" is not defined', { file: 'app.xml', line: 3, col: 9 }]]);
  });

  it('reports secure:: properties as not supported yet', () => {
    const root = parse(`<mule xmlns="${CORE}">\n  <c password="\${secure::db.password}"/>\n</mule>`);
    const { diagnostics } = resolvePlaceholders(root, lookup);
    expect(diagnostics.map((d) => [d.code, d.message, d.loc])).toEqual([
      ['unsupported-property', 'secure property ${secure::db.password} is not supported by flowrt yet', { file: 'app.xml', line: 2, col: 16 }],
    ]);
  });

  it('does not change the tree it was given', () => {
    const root = parse(`<mule xmlns="${CORE}"><c port="\${http.port}"/></mule>`);
    resolvePlaceholders(root, lookup);
    expect(root.children[0]!.attrs.get('port')!.value).toBe('${http.port}');
  });
});
