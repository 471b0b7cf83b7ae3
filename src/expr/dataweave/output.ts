import { randomUUID } from 'node:crypto';
import { writeValue } from './formats/index.js';
import type { FormatProperties } from './formats/index.js';
import { formatTemporal } from './temporal/index.js';
import { DwObject, entriesOf, isDecimal, isObject, isRegex, typeOf } from './values/model.js';
import type { DwValue } from './values/model.js';

/** The MIME type of a media type, lower-cased and without parameters; undefined for none. */
export function mimeOf(mediaType: string | undefined): string | undefined {
  if (!mediaType) return undefined;
  const base = mediaType.split(';', 1)[0]!.trim().toLowerCase();
  return base === '' ? undefined : base;
}

/** What a script hands the runtime: the new payload (or variable) and its media type. */
export interface ScriptResult {
  readonly value: unknown;
  readonly mediaType?: string;
}

// Writer properties that change what JSON says, not only how it is laid out.
const JSON_CONTENT_PROPERTIES = new Set(['skipNullOn', 'duplicateKeyAsArray', 'writeAttributes']);

/**
 * The result of a script as flowrt holds it. `application/java` (and no `output`): the value as a
 * JavaScript structure. `application/json`: the structure too, so later steps and JSONata read it
 * without parsing, and the HTTP listener writes it; the JSON writer's text only where the
 * structure cannot say the same (repeated keys, content-changing writer properties, numbers
 * past a double's precision). Every other format: the writer's text (or bytes) and its MIME type.
 */
export function toRuntime(value: DwValue, output: { mimeType: string; properties: FormatProperties } | undefined): ScriptResult {
  if (!output || output.mimeType === 'application/java') return { value: toJava(value) };
  const mime = output.mimeType;
  if (mime === 'application/json' || mime.endsWith('+json')) {
    const plain = Object.keys(output.properties).some((k) => JSON_CONTENT_PROPERTIES.has(k)) ? undefined : toJson(value);
    if (plain !== NOT_PLAIN) return { value: plain, mediaType: withEncoding(mime, output.properties) };
  }
  return { value: writeValue(value, mime, output.properties), mediaType: withEncoding(mime, output.properties) };
}

/** The media type a script's result has, known from its `output` directive alone (a multipart one names its boundary). */
export function outputMediaType(output: { mimeType: string; properties: FormatProperties } | undefined): string | undefined {
  if (!output || output.mimeType === 'application/java') return undefined;
  const boundary = output.properties.boundary;
  const type = withEncoding(output.mimeType, output.properties);
  return output.mimeType.startsWith('multipart/') && typeof boundary === 'string' ? `${type}; boundary=${boundary}` : type;
}

/** The `output` directive as the writer gets it: a multipart output without a boundary is given one, once, so its media type can name it. */
export function settledOutput(
  output: { mimeType: string; properties: FormatProperties } | undefined,
): { mimeType: string; properties: FormatProperties } | undefined {
  if (!output || !output.mimeType.startsWith('multipart/') || typeof output.properties.boundary === 'string') return output;
  return { ...output, properties: { ...output.properties, boundary: `----flowrt-${randomUUID()}` } };
}

function withEncoding(mime: string, props: FormatProperties): string {
  const enc = props.encoding;
  return typeof enc === 'string' && enc !== '' ? `${mime}; charset=${enc}` : mime;
}

const NOT_PLAIN = Symbol('not plain');

/**
 * The value as JSON.parse would have produced it from the JSON writer's text, or NOT_PLAIN. The
 * value itself when nothing in it needs converting: a mapping's result is not copied again.
 */
function toJson(v: DwValue): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_PLAIN;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = toJson(v[i]!);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (v instanceof DwObject) return NOT_PLAIN;
  if (isObject(v)) {
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
      const x = toJson(v[k]!);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      if (x !== v[k]) (out ??= { ...v })[k] = x;
    }
    return out ?? v;
  }
  if (isDecimal(v)) return NOT_PLAIN;
  if (v instanceof String) return v.valueOf();
  const t = typeOf(v);
  if (t === 'Function' || t === 'Binary') return NOT_PLAIN;
  if (isRegex(v)) return v.source;
  return formatTemporal(v);
}

/**
 * `application/java`: JavaScript values. Objects with repeated keys keep the first value of each
 * key (what `obj.key` selects); decimals past a double's precision become doubles; dates stay
 * js-joda values, which print as ISO text wherever flowrt writes them.
 */
export function toJava(v: DwValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = toJava(v[i]!);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (v instanceof DwObject) {
    const out: Record<string, unknown> = {};
    for (const e of entriesOf(v)) if (!Object.prototype.hasOwnProperty.call(out, e.key)) out[e.key] = toJava(e.value);
    return out;
  }
  if (isObject(v)) {
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
      const x = toJava(v[k]!);
      if (x !== v[k]) (out ??= { ...v })[k] = x;
    }
    return out ?? v;
  }
  if (isDecimal(v)) return v.toNumber();
  if (isRegex(v)) return v.source;
  if (v instanceof String) return v.valueOf();
  return v;
}
