import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { XmlAttr, XmlElement } from '../model/element.js';
import { classifyNamespace, NAMESPACES } from '../model/namespaces.js';
import { LineIndex, scanStartTag, textStart } from './positions.js';
import { innermostUnclosed } from './unclosed.js';
import { check, MAX_NESTING } from './well-formed.js';

export interface ParseResult {
  readonly root?: XmlElement;
  readonly diagnostics: Diagnostic[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  captureMetaData: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  processEntities: true,
  // Numeric character references (&#10;) are decoded only with htmlEntities on; the HTML names it
  // adds never reach the parser, since well-formed.ts refuses every entity XML does not define.
  htmlEntities: true,
  // well-formed.ts refuses deeper files first, located; this only keeps the parser's own limit above it.
  maxNestedTags: MAX_NESTING + 1,
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };
type Scope = ReadonlyMap<string, string>;

/**
 * Parses one flow file into an element tree with namespaces resolved by URI and every element
 * and attribute located. Pure: no I/O; malformed XML yields a located diagnostic, not a throw.
 */
export function parseXml(file: string, text: string): ParseResult {
  if (text.trim() === '') {
    return { diagnostics: [error('empty-file', 'the file is empty; a flow file starts with <mule>', { file, line: 1, col: 1 })] };
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const open = valid.err.code === 'InvalidXml' && msg.startsWith("Invalid '[") ? innermostUnclosed(text) : undefined;
    if (open) {
      const at = new LineIndex(file, text).at(open.offset);
      return { diagnostics: [error('malformed-xml', `malformed XML: <${open.name}> is never closed`, at, `the file ends before </${open.name}>`)] };
    }
    return { diagnostics: [error('malformed-xml', `malformed XML: ${msg}`, { file, line: line || 1, col: col || 1 })] };
  }
  const malformed = check(text);
  if (malformed) {
    const { offset, code, message, hint } = malformed;
    return { diagnostics: [error(code, message, new LineIndex(file, text).at(offset), hint)] };
  }
  const comment = badComment(text);
  if (comment !== undefined) {
    const at = new LineIndex(file, text).at(comment);
    return {
      diagnostics: [
        error(
          'malformed-xml',
          'malformed XML: "--" is not allowed inside a comment',
          at,
          'XML parsers (and Mule) reject the whole file; write "- -" or rephrase',
        ),
      ],
    };
  }
  let nodes: RawNode[];
  try {
    nodes = parser.parse(text) as RawNode[];
  } catch (e) {
    return { diagnostics: [error('malformed-xml', `malformed XML: ${(e as Error).message}`, { file, line: 1, col: 1 })] };
  }
  const ctx: Ctx = { index: new LineIndex(file, text), text, diagnostics: [] };
  const top = nodes.filter((n) => tagOf(n) !== undefined);
  if (top.length === 0) {
    return { diagnostics: [error('malformed-xml', 'the file has no root element; a flow file starts with <mule>', { file, line: 1, col: 1 })] };
  }
  const root = toElement(top[0]!, new Map(), ctx);
  return { root, diagnostics: ctx.diagnostics };
}

interface Ctx {
  readonly index: LineIndex;
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

function tagOf(node: RawNode): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@' && !k.startsWith('#')) return k;
  return undefined;
}

function toElement(node: RawNode, parentScope: Scope, ctx: Ctx): XmlElement {
  const tag = tagOf(node)!;
  const raw = node[':@'] ?? {};
  const start = (node[META] as { startIndex?: number } | undefined)?.startIndex ?? 0;
  const loc = ctx.index.at(start);
  const tagInfo = scanStartTag(ctx.text, start);

  const scope = new Map(parentScope);
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
  }

  const [prefix, local] = splitName(tag);
  const uri = scope.get(prefix);
  const resolved = resolveNamespace(prefix, uri, tag, loc, ctx);

  const attrs = new Map<string, XmlAttr>();
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const at = tagInfo.attrs.get(name);
    const attrLoc = at ? ctx.index.at(at.name) : loc;
    const valueLoc = at ? ctx.index.at(at.value) : loc;
    attrs.set(attrName(name, scope, attrLoc, ctx), { name, value, loc: attrLoc, valueLoc });
  }

  const children: XmlElement[] = [];
  const pieces: Array<{ cdata: boolean; text: string }> = [];
  for (const child of (node[tag] as RawNode[]) ?? []) {
    if ('#text' in child) pieces.push({ cdata: false, text: String(child['#text']) });
    else if ('#cdata' in child) pieces.push({ cdata: true, text: cdataText(child['#cdata']) });
    else if (tagOf(child) !== undefined) children.push(toElement(child, scope, ctx));
  }
  // Whitespace around a CDATA section is formatting, not content.
  const blank = (p: { cdata: boolean; text: string }) => !p.cdata && p.text.trim() === '';
  while (pieces.length > 0 && pieces.some((p) => p.cdata) && blank(pieces[0]!)) pieces.shift();
  while (pieces.length > 0 && pieces.some((p) => p.cdata) && blank(pieces[pieces.length - 1]!)) pieces.pop();
  const content = pieces.map((p) => p.text).join('');
  const hasText = content.trim() !== '';
  return {
    ns: resolved.ns,
    nsUri: uri ?? '',
    local,
    key: resolved.ns === 'core' ? local : `${resolved.ns}:${local}`,
    attrs: renameAttrs(attrs),
    children,
    text: hasText ? content : '',
    textLoc: hasText ? ctx.index.at(textStart(ctx.text, tagInfo.end, pieces[0]!.cdata)) : undefined,
    loc,
  };
}

function splitName(name: string): [string, string] {
  const i = name.indexOf(':');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

function resolveNamespace(prefix: string, uri: string | undefined, tag: string, loc: XmlElement['loc'], ctx: Ctx): { ns: string } {
  if (uri === undefined) {
    // A file without a default namespace is read as Mule core: hand-written files often omit it.
    if (prefix === '') return { ns: 'core' };
    const known = NAMESPACES[prefix];
    ctx.diagnostics.push(
      error(
        'undeclared-prefix',
        `namespace prefix "${prefix}" of <${tag}> is not declared`,
        loc,
        known ? `add xmlns:${prefix}="${known}" to the <mule> element` : `declare it with xmlns:${prefix}="…" on the <mule> element`,
      ),
    );
    return { ns: prefix };
  }
  const kind = classifyNamespace(uri);
  if (kind.kind === 'known') return { ns: kind.prefix };
  if (kind.kind === 'mule-module') return { ns: kind.module };
  return { ns: uri };
}

function attrName(name: string, scope: Scope, loc: XmlAttr['loc'], ctx: Ctx): string {
  const [prefix, local] = splitName(name);
  if (prefix === '') return local;
  const uri = scope.get(prefix);
  if (uri === undefined) {
    const known = NAMESPACES[prefix];
    ctx.diagnostics.push(
      error(
        'undeclared-prefix',
        `namespace prefix "${prefix}" of attribute ${name} is not declared`,
        loc,
        known ? `add xmlns:${prefix}="${known}" to the <mule> element` : undefined,
      ),
    );
    return name;
  }
  const kind = classifyNamespace(uri);
  return kind.kind === 'known' ? `${kind.prefix}:${local}` : `${uri}:${local}`;
}

/** Keeps the attribute's written name out of its canonical key, which callers use. */
function renameAttrs(attrs: Map<string, XmlAttr>): ReadonlyMap<string, XmlAttr> {
  const out = new Map<string, XmlAttr>();
  for (const [key, a] of attrs) out.set(key, { ...a, name: key });
  return out;
}

function cdataText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String((v as Record<string, unknown>)['#text'] ?? '')).join('');
  return String(value ?? '');
}

/** Offset of a `--` inside a comment (XML 1.0 §2.5 forbids it; fast-xml-parser lets it through). */
function badComment(text: string): number | undefined {
  for (const m of text.matchAll(/<!--([\s\S]*?)-->/g)) {
    const body = m[1]!;
    const at = body.indexOf('--');
    if (at >= 0) return m.index! + 4 + at;
    if (body.endsWith('-')) return m.index! + 4 + body.length - 1;
  }
  return undefined;
}
