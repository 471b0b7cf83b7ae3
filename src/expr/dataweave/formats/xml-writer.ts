import { fail } from '../values/eval-error.js';
import type { DwValue, Entry } from '../values/model.js';
import { entriesOf, isObject } from '../values/model.js';
import type { FormatProperties } from './props.js';
import { boolProp, oneOf, strProp } from './props.js';
import { scalarText } from './scalar.js';

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

interface Options {
  readonly indent: boolean;
  readonly inlineEmpty: boolean;
  readonly skipNullElements: boolean;
  readonly skipNullAttributes: boolean;
  readonly writeNil: boolean;
  readonly escapeGT: boolean;
  readonly escapeCR: boolean;
}

/** Prefix → URI declared on the way down (`''` is the default namespace). */
type Scope = ReadonlyMap<string, string>;

/**
 * XML as DataWeave writes it: the value is an object with one key, the root element; a key's
 * attributes and namespace come from its entry; repeated keys are repeated elements. Null is an
 * empty element (`<a/>`, or `<a></a>` with `inlineCloseOn="none"`), the declaration uses single
 * quotes, and attributes double quotes.
 */
export function writeXml(value: DwValue, props: FormatProperties): string {
  const skip = oneOf(props, 'skipNullOn', ['elements', 'attributes', 'everywhere'] as const);
  const o: Options = {
    indent: boolProp(props, 'indent', true),
    inlineEmpty: (oneOf(props, 'inlineCloseOn', ['empty', 'none'] as const) ?? 'empty') === 'empty',
    skipNullElements: skip === 'elements' || skip === 'everywhere',
    skipNullAttributes: skip === 'attributes' || skip === 'everywhere',
    writeNil: boolProp(props, 'writeNilOnNull', false),
    escapeGT: boolProp(props, 'escapeGT', false),
    escapeCR: boolProp(props, 'escapeCR', false),
  };
  if (!isObject(value)) return fail('Trying to output non-whitespace characters outside main element tree (in prolog or epilog)');
  const roots = entriesOf(value).filter((e) => !(e.value === null && o.skipNullElements));
  if (roots.length === 0) return fail('Trying to output an XML document without a root element');
  if (roots.length > 1) return fail(`Trying to output second root, <${roots[1]!.key}>`);
  let out = '';
  if (boolProp(props, 'writeDeclaration', true)) {
    const q = boolProp(props, 'doubleQuoteInDeclaration', false) ? '"' : "'";
    out = `<?xml version=${q}1.0${q} encoding=${q}${strProp(props, 'encoding', 'UTF-8')}${q}?>${o.indent ? '\n' : ''}`;
  }
  const dflt = strProp(props, 'defaultNamespace');
  const root = dflt && roots[0]!.ns === undefined ? { ...roots[0]!, ns: dflt } : roots[0]!;
  return out + element(root, root.value, o, '', new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}

function element(e: Entry, value: DwValue, o: Options, pad: string, outer: Scope): string {
  // An array under a key: simple values repeat the element; objects' fields all go in one element.
  if (Array.isArray(value) && value.some((v) => !isObject(v))) {
    return value
      .filter((v) => !(v === null && o.skipNullElements))
      .map((v, i) => (i > 0 && o.indent ? `\n${pad}` : '') + element(e, v, o, pad, outer))
      .join('');
  }
  let scope = outer;
  let decls = '';
  const declare = (prefix: string | undefined, ns: string | undefined): string => {
    if (ns === undefined) return '';
    const p = prefix ?? '';
    if (scope.get(p) === ns) return p;
    if (scope === outer) scope = new Map(outer);
    (scope as Map<string, string>).set(p, ns);
    decls += ` ${p ? `xmlns:${p}` : 'xmlns'}="${escapeAttr(ns)}"`;
    return p;
  };
  const tagPrefix = declare(e.prefix, e.ns);
  const name = tagPrefix ? `${tagPrefix}:${e.key}` : e.key;
  let attrs = '';
  for (const a of e.attrs ?? []) {
    if (a.value === null && o.skipNullAttributes) continue;
    const p = a.ns === undefined ? '' : declare(a.prefix ?? 'ns0', a.ns);
    attrs += ` ${p ? `${p}:` : ''}${a.key}="${escapeAttr(a.value === null ? '' : scalarText(a.value))}"`;
  }
  if (value === null && o.writeNil) attrs += ` ${declare('xsi', XSI_NS)}:nil="true"`;
  const open = `<${name}${decls}${attrs}`;
  const children = Array.isArray(value) ? value.flatMap((v) => (isObject(v) ? [...entriesOf(v)] : [])) : isObject(value) ? entriesOf(value) : undefined;
  if (children) {
    const inner = o.indent ? `${pad}  ` : '';
    let body = '';
    for (const c of children) {
      if (c.value === null && o.skipNullElements) continue;
      body += (o.indent ? `\n${inner}` : '') + element(c, c.value, o, inner, scope);
    }
    if (body === '') return o.inlineEmpty ? `${open}/>` : `${open}></${name}>`;
    return `${open}>${body}${o.indent ? `\n${pad}` : ''}</${name}>`;
  }
  if (value === null) return o.inlineEmpty ? `${open}/>` : `${open}></${name}>`;
  return `${open}>${escapeText(scalarText(value), o)}</${name}>`;
}

function escapeText(s: string, o: Options): string {
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (o.escapeGT) out = out.replace(/>/g, '&gt;');
  if (o.escapeCR) out = out.replace(/\r/g, '&#xD;');
  return out;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
