import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/dsl/parse-xml.js';
import { check } from '../../src/dsl/well-formed.js';
import { load, mule } from '../helpers/app.js';

const CORE = 'http://www.mulesoft.org/schema/mule/core';
const doc = (inner: string) => `<mule xmlns="${CORE}"><flow name="f">${inner}</flow></mule>`;
const at = (text: string) => {
  const found = parseXml('app.xml', text).diagnostics[0];
  return found && { code: found.code, message: found.message, where: `${found.loc?.line}:${found.loc?.col}` };
};

// Each of these loaded before, with something other than what was written (found by test/fuzz/flow-xml.test.ts).
describe('well-formedness beyond what the XML validator checks (XML 1.0)', () => {
  it('refuses content after the root element, which was silently dropped', () => {
    expect(at(`${doc('')}\n<flow name="lost"/>`)).toEqual({
      code: 'malformed-xml',
      message: 'malformed XML: content after the root element </mule>',
      where: '2:1',
    });
    expect(at(`${doc('')}\n<!-- a comment --> <?pi x?>\n`)).toBeUndefined();
  });

  it('refuses references to entities XML does not define, and to characters it does not allow (§4.1, §4.6)', () => {
    expect(at(doc('<set-payload value="&xxe;"/>'))?.message).toBe('malformed XML: entity &xxe; is not defined');
    expect(at(doc('<set-payload value="&nbsp;"/>'))?.message).toBe('malformed XML: entity &nbsp; is not defined');
    expect(at(doc('<set-payload value="a & b"/>'))?.message).toBe('malformed XML: "&" that does not start a reference');
    expect(at(doc('<logger message="&#0;"/>'))?.message).toBe('malformed XML: &#0; refers to a character XML does not allow');
    expect(at(doc('<logger message="&#xD800;"/>'))?.message).toBe('malformed XML: &#xD800; refers to a character XML does not allow');
    expect(at(doc('<logger>&#x110000;</logger>'))?.message).toBe('malformed XML: &#x110000; refers to a character XML does not allow');
  });

  it('refuses characters XML does not allow, located where they are (§2.2)', () => {
    expect(at(doc('<logger>a\u0001</logger>'))).toEqual({
      code: 'malformed-xml',
      message: 'malformed XML: character U+0001 is not allowed in XML',
      where: '1:80',
    });
    expect(at(doc('<logger message="\uffff"/>'))?.message).toBe('malformed XML: character U+FFFF is not allowed in XML');
    expect(at(doc('<logger message="\ud800"/>'))?.message).toBe('malformed XML: character U+D800 is not allowed in XML');
    expect(at(doc('<logger message="😀"/>'))).toBeUndefined();
  });

  it('refuses < in an attribute value and ]]> in text (§3.1, §2.4)', () => {
    expect(at(doc('<set-payload value="a<b"/>'))?.message).toBe('malformed XML: "<" in an attribute value');
    expect(at(doc('<logger>]]></logger>'))?.message).toBe('malformed XML: "]]>" outside a CDATA section');
    expect(at(doc('<logger><![CDATA[ a < b ]]></logger>'))).toBeUndefined();
  });

  it('refuses a malformed XML declaration and processing instructions without a target (§2.6, §2.8)', () => {
    expect(at(`<?xml <?xml version="1.0"?>${doc('')}`)?.message).toMatch(/the XML declaration is not/);
    expect(at(`<?xml version="1.0"?><?<x?>${doc('')}`)?.message).toBe('malformed XML: processing instruction without a valid target');
    expect(at(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>${doc('')}`)).toBeUndefined();
  });

  it('refuses any DOCTYPE: no DTD is read and no entity it declares is expanded', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE mule [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${doc('<set-payload value="&xxe;"/>')}`;
    expect(check(text)).toMatchObject({ code: 'doctype', offset: 22 });
    expect(at(text)).toEqual({
      code: 'doctype',
      message: 'a flow file cannot have a DOCTYPE: flowrt never reads DTDs nor the entities they declare',
      where: '2:1',
    });
    const laughs = `<!DOCTYPE mule [<!ENTITY a "ha"><!ENTITY b "&a;&a;">]>${doc('<set-payload value="&b;"/>')}`;
    expect(at(laughs)?.code).toBe('doctype');
  });

  it('refuses elements nested deeper than it reads, at the first one too deep, instead of "malformed XML" at 1:1', () => {
    const nested = (n: number) => `<mule xmlns="${CORE}">\n${'<a>'.repeat(n - 1)}${'</a>'.repeat(n - 1)}</mule>`;
    expect(parseXml('app.xml', nested(100)).diagnostics).toEqual([]);
    expect(at(nested(101))).toEqual({ code: 'too-deep', message: '<a> is nested more than 100 elements deep, deeper than flowrt reads', where: '2:298' });
    expect(at(nested(10_000))?.code).toBe('too-deep');
  });

  it('decodes numeric character references, which were kept as written', async () => {
    const parsed = parseXml('app.xml', doc('<logger message="a&#10;b&#x41;&amp;&lt;&#128512;"/>'));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.root!.children[0]!.children[0]!.attrs.get('message')?.value).toBe('a\nbA&<😀');
    const loaded = await load({ 'flows/app.xml': mule('<flow name="f"><set-payload value="line&#10;break"/></flow>', { listener: false }) });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
