import { randomBytes } from 'node:crypto';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { ObjectBuilder, entriesOf, field, isObject } from '../values/model.js';
import { parseMediaType } from './mime.js';
import type { FormatProperties } from './props.js';
import { strProp } from './props.js';
import { isScalar, scalarText } from './scalar.js';

/** Reads and writes a part's content by its Content-Type; index.ts passes its own readValue/writeValue (no import cycle). */
export interface PartCodec {
  read(content: Uint8Array, mimeType: string): DwValue;
  write(value: DwValue, mimeType: string): DwValue;
}

const CRLF = '\r\n';

/**
 * multipart/* as DataWeave reads it: `{parts: {name: {headers: {…}, content}}}`, parts keyed by
 * their Content-Disposition name (a repeated name repeats the key), Content-Disposition read into
 * `{name, filename?, subtype}`, and each content read by its Content-Type (`defaultContentType`,
 * else application/octet-stream: bytes).
 */
export function readMultipart(content: DwValue, props: FormatProperties, codec: PartCodec): DwValue {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content instanceof Uint8Array ? Buffer.from(content) : undefined;
  if (!bytes) return fail(`Unable to read multipart: the content must be a String or Binary, not ${describe(content)}`);
  const boundary = strProp(props, 'boundary') ?? /^--([^\r\n]+)/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1]?.trimEnd();
  if (!boundary) return fail('Unable to read multipart: no boundary (set the boundary property or the MIME type parameter)');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const fallbackType = strProp(props, 'defaultContentType', 'application/octet-stream');
  const parts = new ObjectBuilder();
  let at = bytes.indexOf(delimiter);
  if (at < 0) return fail(`Unable to read multipart: the boundary '${boundary}' does not occur`);
  const preamble = bytes.subarray(0, at).toString('utf8');
  let index = 0;
  for (;;) {
    let start = at + delimiter.length;
    if (bytes[start] === 0x2d && bytes[start + 1] === 0x2d) break; // the closing delimiter
    start = skipLineEnd(bytes, start);
    const next = bytes.indexOf(delimiter, start);
    if (next < 0) return fail('Unable to read multipart: the closing boundary is missing');
    // The line break before a delimiter belongs to the delimiter.
    let end = next;
    if (bytes[end - 1] === 0x0a) end -= bytes[end - 2] === 0x0d ? 2 : 1;
    parts.add(part(bytes.subarray(start, Math.max(start, end)), index++, fallbackType, codec));
    at = next;
  }
  const out = new ObjectBuilder();
  if (preamble.trim() !== '') out.set('preamble', preamble);
  out.set('parts', parts.build());
  return out.build();
}

function skipLineEnd(b: Buffer, i: number): number {
  if (b[i] === 0x0d && b[i + 1] === 0x0a) return i + 2;
  return b[i] === 0x0a ? i + 1 : i;
}

function part(b: Buffer, index: number, fallbackType: string, codec: PartCodec): { key: string; value: DwValue } {
  let split = b.indexOf('\r\n\r\n');
  let bodyAt = split + 4;
  const lf = b.indexOf('\n\n');
  if (split < 0 || (lf >= 0 && lf < split)) [split, bodyAt] = [lf, lf + 2];
  const headText = split < 0 ? b.toString('utf8') : b.subarray(0, split).toString('utf8');
  const body = split < 0 ? Buffer.alloc(0) : b.subarray(bodyAt);
  const headers = new ObjectBuilder();
  let name = `part${index}`;
  let type: string | undefined;
  for (const line of headText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const h = line.slice(0, colon).trim();
    const v = line.slice(colon + 1).trim();
    if (h.toLowerCase() === 'content-disposition') {
      const d = disposition(v);
      if (typeof d.name === 'string') name = d.name;
      headers.add({ key: h, value: d });
    } else {
      if (h.toLowerCase() === 'content-type') type = v;
      headers.add({ key: h, value: v });
    }
  }
  const mime = type ?? fallbackType;
  const content = parseMediaType(mime) ? codec.read(new Uint8Array(body), mime) : new Uint8Array(body);
  return { key: name, value: { headers: headers.build(), content } };
}

/** `form-data; name="a"; filename="b.txt"` → `{name: "a", filename: "b.txt", subtype: "form-data"}`. */
function disposition(v: string): { [key: string]: DwValue } {
  const [subtype, ...params] = v.split(';');
  const out: { [key: string]: DwValue } = {};
  for (const p of params) {
    const m = /^\s*([^=\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*$/.exec(p);
    if (m) out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  out.subtype = subtype!.trim();
  return out;
}

/**
 * `{parts: {name: {headers?, content}}}` as multipart bytes (CRLF line breaks, as RFC 2046 has
 * them). A part's name is its Content-Disposition name or else its key; its content is written
 * by its Content-Type (JSON for an object or array without one). Without a `boundary` property
 * one is generated: the output's first line is `--` and the boundary.
 */
export function writeMultipart(value: DwValue, props: FormatProperties, codec: PartCodec): Uint8Array {
  const parts = isObject(value) ? field(value, 'parts') : undefined;
  if (!parts || !isObject(parts)) return fail(`Unable to write multipart: expected an Object with parts, got ${describe(value)}`);
  const boundary = strProp(props, 'boundary') ?? `----flowrt${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const e of entriesOf(parts)) {
    if (!isObject(e.value)) return fail(`Unable to write multipart: part '${e.key}' must be an Object with content`);
    const headers = field(e.value, 'headers');
    const content = field(e.value, 'content') ?? null;
    let type: string | undefined;
    let dispo: DwValue | undefined;
    let head = `--${boundary}${CRLF}`;
    const others: string[] = [];
    for (const h of headers && isObject(headers) ? entriesOf(headers) : []) {
      const lower = h.key.toLowerCase();
      if (lower === 'content-disposition') dispo = h.value;
      else if (lower === 'content-type' && isScalar(h.value)) type = scalarText(h.value);
      else others.push(`${h.key}: ${scalarText(h.value)}${CRLF}`);
    }
    if (type === undefined && content !== null && typeof content === 'object' && !(content instanceof Uint8Array)) type = 'application/json';
    if (type !== undefined) head += `Content-Type: ${type}${CRLF}`;
    head += `Content-Disposition: ${dispositionText(dispo, e.key)}${CRLF}${others.join('')}${CRLF}`;
    chunks.push(Buffer.from(head, 'utf8'), body(content, type, codec), Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return new Uint8Array(Buffer.concat(chunks));
}

function dispositionText(d: DwValue | undefined, key: string): string {
  if (typeof d === 'string') return d;
  const o = d && isObject(d) ? d : {};
  const name = field(o, 'name');
  const filename = field(o, 'filename');
  let out = `form-data; name="${escapeQuoted(name == null ? key : scalarText(name))}"`;
  if (filename != null) out += `; filename="${escapeQuoted(scalarText(filename))}"`;
  return out;
}

function escapeQuoted(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

function body(content: DwValue, type: string | undefined, codec: PartCodec): Buffer {
  if (content instanceof Uint8Array) return Buffer.from(content);
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  const written = type && parseMediaType(type) ? codec.write(content, type) : scalarText(content);
  return written instanceof Uint8Array ? Buffer.from(written) : Buffer.from(typeof written === 'string' ? written : scalarText(written), 'utf8');
}
