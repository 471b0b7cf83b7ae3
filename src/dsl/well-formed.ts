/**
 * The XML 1.0 well-formedness rules fast-xml-parser's validator lets through, checked in one
 * linear pass over a document the validator accepted. Each of these made a file that libxml2 or
 * Xerces (Mule) refuses load with something else in it: a flow after `</mule>` silently dropped,
 * `&xxe;` or `&#0;` kept as text, a control character in a value.
 *
 * A DOCTYPE is refused outright: a flow file has no use for one, and what it could declare
 * (external entities, entity expansion) is exactly what a loader must never act on.
 */

/** The first problem found: where (an offset) and what. */
export interface Malformation {
  readonly offset: number;
  readonly code: 'doctype' | 'malformed-xml' | 'too-deep';
  readonly message: string;
  readonly hint?: string;
}

// XML 1.0 §2.3 Name, close enough for what the validator already checked: a start character and the rest.
const NAME =
  /^[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*$/;

/** XML 1.0 §2.8 XMLDecl: version, then optionally encoding and standalone, in that order. */
const XML_DECL =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;

/** How deep elements may nest: no flow needs more, and the parser (its maxNestedTags) reads no deeper. */
export const MAX_NESTING = 100;

/** XML 1.0 §4.6: the only entities a document without a DOCTYPE may reference. */
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * The first well-formedness problem of `text`, or undefined. Assumes the validator passed (tags
 * balanced, attributes quoted); where that does not hold it stops without a verdict.
 *
 * @example
 * check('<mule/><flow/>'); // { offset: 7, code: 'malformed-xml', message: 'malformed XML: content after the root element </mule>' … }
 */
export function check(text: string): Malformation | undefined {
  let depth = 0;
  let root: string | undefined;
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== 0x3c /* < */) {
      const end = nextMarkup(text, i);
      const found = charData(text, i, end, depth === 0 ? root : undefined);
      if (found) return found;
      i = end;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      const bad = badChar(text, i + 4, end);
      if (bad !== undefined) return charProblem(text, bad);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) return undefined;
      if (depth === 0) return { offset: i, code: 'malformed-xml', message: 'malformed XML: a CDATA section outside the root element' };
      const bad = badChar(text, i + 9, end);
      if (bad !== undefined) return charProblem(text, bad);
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const found = processingInstruction(text, i);
      if (typeof found !== 'number') return found;
      i = found;
    } else if (text.startsWith('<!', i)) {
      if (text.startsWith('<!DOCTYPE', i)) {
        return {
          offset: i,
          code: 'doctype',
          message: 'a flow file cannot have a DOCTYPE: flowrt never reads DTDs nor the entities they declare',
          hint: 'remove the <!DOCTYPE …> declaration; write characters as &#…; references',
        };
      }
      return { offset: i, code: 'malformed-xml', message: `malformed XML: "${text.slice(i, i + 9)}" is not markup XML knows` };
    } else if (text.startsWith('</', i)) {
      const end = text.indexOf('>', i);
      if (end < 0) return undefined;
      depth--;
      i = end + 1;
    } else {
      if (depth === 0 && root !== undefined)
        return {
          offset: i,
          code: 'malformed-xml',
          message: `malformed XML: content after the root element </${root}>`,
          hint: 'a flow file has one root element: move this inside it',
        };
      const tag = startTag(text, i);
      if ('message' in tag) return tag;
      if (depth >= MAX_NESTING) {
        return {
          offset: i,
          code: 'too-deep',
          message: `<${tag.name}> is nested more than ${MAX_NESTING} elements deep, deeper than flowrt reads`,
          hint: 'move the inner part to a flow of its own and call it with <flow-ref>',
        };
      }
      if (depth === 0) root = tag.name;
      if (!tag.empty) depth++;
      i = tag.end;
    }
  }
  return undefined;
}

/** Offset of the next `<` from `from`, or the end. */
function nextMarkup(text: string, from: number): number {
  const at = text.indexOf('<', from);
  return at < 0 ? text.length : at;
}

/** Character data between markup: references, `]]>`, and nothing but whitespace outside the root. */
function charData(text: string, from: number, to: number, after: string | undefined): Malformation | undefined {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (after !== undefined && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      return {
        offset: i,
        code: 'malformed-xml',
        message: `malformed XML: content after the root element </${after}>`,
        hint: 'a flow file has one root element: move this inside it',
      };
    }
    if (c === 0x26 /* & */) {
      const found = reference(text, i, to);
      if (typeof found !== 'number') return found;
      i = found - 1;
    } else if (c === 0x5d /* ] */ && text.startsWith(']]>', i)) {
      return { offset: i, code: 'malformed-xml', message: 'malformed XML: "]]>" outside a CDATA section', hint: 'write it as ]]&gt;' };
    } else if (!isChar(text, i)) return charProblem(text, i);
    else if (isHighSurrogate(text, i)) i++;
  }
  return undefined;
}

/** A start tag at `at` (its `<`): its name, where it ends, whether it is empty; or what is wrong in a value. */
function startTag(text: string, at: number): { name: string; end: number; empty: boolean } | Malformation {
  let i = at + 1;
  while (i < text.length && !/[\s/>]/.test(text[i]!)) i++;
  const name = text.slice(at + 1, i);
  while (i < text.length) {
    const c = text[i]!;
    if (c === '>') return { name, end: i + 1, empty: false };
    if (c === '/' && text[i + 1] === '>') return { name, end: i + 2, empty: true };
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return { name, end: text.length, empty: true };
      const found = attributeValue(text, i + 1, close);
      if (found) return found;
      i = close + 1;
      continue;
    }
    if (!isChar(text, i)) return charProblem(text, i);
    i += isHighSurrogate(text, i) ? 2 : 1;
  }
  return { name, end: text.length, empty: true };
}

/** XML 1.0 §3.1 AttValue: no `<`, and only references XML defines. */
function attributeValue(text: string, from: number, to: number): Malformation | undefined {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) return { offset: i, code: 'malformed-xml', message: 'malformed XML: "<" in an attribute value', hint: 'write it as &lt;' };
    if (c === 0x26) {
      const found = reference(text, i, to);
      if (typeof found !== 'number') return found;
      i = found - 1;
    } else if (!isChar(text, i)) return charProblem(text, i);
    else if (isHighSurrogate(text, i)) i++;
  }
  return undefined;
}

/** The reference at `at` (its `&`): the offset just past its `;`, or why it is not one XML allows (§4.1, §4.6). */
function reference(text: string, at: number, limit: number): number | Malformation {
  const semi = text.indexOf(';', at + 1);
  const body = semi < 0 || semi >= limit ? undefined : text.slice(at + 1, semi);
  if (body === undefined || body === '') {
    return { offset: at, code: 'malformed-xml', message: 'malformed XML: "&" that does not start a reference', hint: 'write a literal & as &amp;' };
  }
  const numeric = /^#(?:([0-9]+)|x([0-9a-fA-F]+))$/.exec(body);
  if (numeric) {
    const code = numeric[1] !== undefined ? Number(numeric[1]) : parseInt(numeric[2]!, 16);
    if (!isCharCode(code)) return { offset: at, code: 'malformed-xml', message: `malformed XML: &${body}; refers to a character XML does not allow` };
    return semi + 1;
  }
  if (PREDEFINED.has(body)) return semi + 1;
  if (!NAME.test(body))
    return { offset: at, code: 'malformed-xml', message: 'malformed XML: "&" that does not start a reference', hint: 'write a literal & as &amp;' };
  return {
    offset: at,
    code: 'malformed-xml',
    message: `malformed XML: entity &${body}; is not defined`,
    hint: 'XML defines only &amp; &lt; &gt; &quot; &apos;; write other characters as &#…; references',
  };
}

/** A processing instruction at `at`: the offset past its `?>`, or why it is malformed (§2.6, §2.8). */
function processingInstruction(text: string, at: number): number | Malformation {
  const end = text.indexOf('?>', at + 2);
  if (end < 0) return text.length;
  const target = /^[^\s?]*/.exec(text.slice(at + 2, end))![0];
  if (!NAME.test(target)) return { offset: at, code: 'malformed-xml', message: `malformed XML: processing instruction without a valid target` };
  if (target.toLowerCase() === 'xml' && (at !== 0 || target !== 'xml')) {
    return { offset: at, code: 'malformed-xml', message: 'malformed XML: the XML declaration is allowed only at the very start of the file' };
  }
  if (target === 'xml' && !XML_DECL.test(text.slice(at, end + 2))) {
    return { offset: at, code: 'malformed-xml', message: 'malformed XML: the XML declaration is not <?xml version="1.x" encoding="…" standalone="yes|no"?>' };
  }
  const bad = badChar(text, at + 2, end);
  return bad === undefined ? end + 2 : charProblem(text, bad);
}

/** Offset of the first character in [from, to) that XML 1.0 §2.2 does not allow. */
function badChar(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) {
    if (!isChar(text, i)) return i;
    if (isHighSurrogate(text, i)) i++;
  }
  return undefined;
}

/** XML 1.0 §2.2 Char, at a UTF-16 offset (a surrogate pair is one character). */
function isChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return false;
  return isCharCode(c);
}

function isHighSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

function isCharCode(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function charProblem(text: string, at: number): Malformation {
  const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  return {
    offset: at,
    code: 'malformed-xml',
    message: `malformed XML: character U+${code} is not allowed in XML`,
    hint: 'remove it, or write a character XML allows as a &#…; reference',
  };
}
