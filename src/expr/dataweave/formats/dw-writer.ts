import { formatTemporal } from '../temporal/index.js';
import type { DwValue, Entry } from '../values/model.js';
import { entriesOf, isObject, isRegex } from '../values/model.js';
import { formatNumber, isNum } from '../values/numbers.js';
import type { FormatProperties } from './props.js';
import { boolProp } from './props.js';

/** Namespace URI → the prefix written for it. */
type Prefixes = Map<string, string>;

/**
 * application/dw: the value as a DataWeave literal, as the docs show payloads (`{\n  name: "Matias"\n}`):
 * keys unquoted where they can be, attributes as `key @(a: "1",b: "2")`, namespaced keys as
 * `h#td` with their `ns` declared in a header, dates between pipes.
 */
export function writeDw(value: DwValue, props: FormatProperties): string {
  const indent = boolProp(props, 'indent', true);
  const prefixes: Prefixes = new Map();
  const body = write(value, indent, '', prefixes);
  if (prefixes.size === 0) return body;
  const header = [...prefixes].map(([uri, p]) => `ns ${p} ${uri}`).join('\n');
  return `${header}\n---\n${body}`;
}

function write(v: DwValue, indent: boolean, pad: string, prefixes: Prefixes): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return String(v);
  if (isNum(v)) return formatNumber(v);
  if (typeof v === 'function') return `(${(v.dwParams ?? []).join(', ')}) -> ???`;
  if (isRegex(v)) return `/${v.source}/`;
  if (v instanceof Uint8Array) return `${quote(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'))} as Binary {base: "64"}`;
  const inner = indent ? `${pad}  ` : '';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const items = v.map((item) => inner + write(item, indent, inner, prefixes));
    return indent ? `[\n${items.join(',\n')}\n${pad}]` : `[${items.join(',')}]`;
  }
  if (isObject(v)) {
    const entries = entriesOf(v);
    if (entries.length === 0) return '{}';
    const fields = entries.map((e) => `${inner}${key(e, prefixes)}: ${write(e.value, indent, inner, prefixes)}`);
    return indent ? `{\n${fields.join(',\n')}\n${pad}}` : `{${fields.join(',')}}`;
  }
  return `|${formatTemporal(v)}|`;
}

function key(e: Entry, prefixes: Prefixes): string {
  let out = name(e, prefixes);
  if (e.attrs?.length) out += ` @(${e.attrs.map((a) => `${name(a, prefixes)}: ${write(a.value, false, '', prefixes)}`).join(',')})`;
  return out;
}

function name(e: Entry, prefixes: Prefixes): string {
  const local = /^[A-Za-z_][\w-]*$/.test(e.key) ? e.key : quote(e.key);
  if (e.ns === undefined) return local;
  let p = prefixes.get(e.ns);
  if (p === undefined) {
    const taken = new Set(prefixes.values());
    p = e.prefix && !taken.has(e.prefix) ? e.prefix : `ns${prefixes.size}`;
    prefixes.set(e.ns, p);
  }
  return `${p}#${local}`;
}

/** A double-quoted DataWeave string: JSON's escapes, and `$` escaped so it is not read as interpolation. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/\$/g, '\\$');
}
