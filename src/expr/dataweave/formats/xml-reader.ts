import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail } from '../values/eval-error.js';
import type { DwValue, Entry } from '../values/model.js';
import { makeObject } from '../values/model.js';
import type { FormatProperties } from './props.js';
import { oneOf } from './props.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

// preserveOrder keeps repeated and interleaved elements in document order, which DataWeave's
// repeated keys need; values stay text (XML has no types); namespaces are resolved below.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  processEntities: true,
  // Numeric character references (&#65;) are decoded only with htmlEntities on.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };
type NullOn = 'blank' | 'empty' | 'none';

/**
 * XML as DataWeave reads it: `{root: …}` where an element with child elements is an object of
 * them (repeated elements are repeated keys), an element with only text is that text, and an
 * element with blank text is null (`nullValueOn`, "blank" by default; `xsi:nil="true"` too).
 * Attributes ride on the keys, and a namespaced element's key carries its URI and prefix.
 */
export function readXml(text: string, props: FormatProperties): DwValue {
  const nullOn: NullOn = oneOf(props, 'nullValueOn', ['blank', 'empty', 'none'] as const) ?? 'blank';
  if (text.trim() === '') return null;
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) fail(`Invalid XML at [${valid.err.line}:${valid.err.col}] (line:column): ${valid.err.msg}`);
  const nodes = parser.parse(text) as RawNode[];
  const root = nodes.find((n) => elementName(n) !== undefined);
  if (!root) return fail('Invalid XML: there is no root element');
  return makeObject([element(root, new Map([['xml', XML_NS]]), nullOn)]);
}

function elementName(n: RawNode): string | undefined {
  for (const k in n) if (k !== ':@' && k[0] !== '#' && k[0] !== '?' && k[0] !== '!') return k;
  return undefined;
}

function element(n: RawNode, outer: ReadonlyMap<string, string>, nullOn: NullOn): Entry {
  const name = elementName(n)!;
  const rawAttrs = n[':@'];
  let scope = outer;
  if (rawAttrs) {
    for (const a in rawAttrs) {
      if (a === 'xmlns' || a.startsWith('xmlns:')) {
        if (scope === outer) scope = new Map(outer);
        (scope as Map<string, string>).set(a === 'xmlns' ? '' : a.slice(6), rawAttrs[a]!);
      }
    }
  }
  let attrs: Entry[] | undefined;
  let nil = false;
  if (rawAttrs) {
    for (const a in rawAttrs) {
      if (a === 'xmlns' || a.startsWith('xmlns:')) continue;
      // Unprefixed attributes are in no namespace (the default namespace is for elements only).
      const attr = qualified(a, scope, false);
      if (attr.ns === XSI_NS && attr.key === 'nil' && rawAttrs[a] === 'true') nil = true;
      (attrs ??= []).push({ ...attr, value: rawAttrs[a]! });
    }
  }
  const children = n[name] as RawNode[];
  const entries: Entry[] = [];
  let text = '';
  for (const c of children) {
    if ('#text' in c) text += String(c['#text']);
    else if ('#cdata' in c) text += (c['#cdata'] as RawNode[]).map((t) => String(t['#text'] ?? '')).join('');
    else if (elementName(c) !== undefined) entries.push(element(c, scope, nullOn));
  }
  // Mixed content: the elements are the value; text between them is not (DataWeave's objects have no place for it).
  let value: DwValue;
  if (nil) value = null;
  else if (entries.length > 0) value = makeObject(entries);
  else if (nullOn === 'blank' ? text.trim() === '' : nullOn === 'empty' && text === '') value = null;
  else value = text;
  const key = qualified(name, scope, true);
  return attrs ? { ...key, value, attrs } : { ...key, value };
}

/** `p:name` as key, namespace URI and prefix; an unprefixed element is in the default namespace, if any. */
function qualified(raw: string, scope: ReadonlyMap<string, string>, isElement: boolean): { key: string; ns?: string; prefix?: string } {
  const colon = raw.indexOf(':');
  if (colon < 0) {
    const dflt = isElement ? scope.get('') : undefined;
    return dflt ? { key: raw, ns: dflt } : { key: raw };
  }
  const prefix = raw.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined) return fail(`Invalid XML: the namespace prefix '${prefix}' of <${raw}> is not declared`);
  return { key: raw.slice(colon + 1), ns, prefix };
}
