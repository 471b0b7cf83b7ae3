import { isJsonMediaType } from '../runtime/media-type.js';
import { writeJson } from './json-writer.js';

export interface Serialized {
  readonly body?: string | Buffer;
  readonly contentType?: string;
}

/** The bytes a payload becomes on the wire, and its Content-Type. */
export function serialize(payload: unknown, mediaType: string | undefined): Serialized {
  const plan = planOf(payload, mediaType);
  return 'done' in plan ? plan.done : text(JSON.stringify(payload), plan.json);
}

/**
 * {@link serialize}, writing JSON without holding the event loop (json-writer.ts): for responses,
 * whose payload may be large or deeply nested. What is small is serialized at once (no promise).
 */
export function serializeSliced(payload: unknown, mediaType: string | undefined): Serialized | Promise<Serialized> {
  const plan = planOf(payload, mediaType);
  if ('done' in plan) return plan.done;
  const json = writeJson(payload);
  return json instanceof Promise ? json.then((written) => text(written ?? 'null', plan.json)) : text(json ?? 'null', plan.json);
}

/** Either the bytes already, or the Content-Type JSON is written with. */
function planOf(payload: unknown, mediaType: string | undefined): { readonly done: Serialized } | { readonly json: string } {
  if (payload === undefined || payload === null) return { done: {} };
  if (Buffer.isBuffer(payload)) return { done: { body: payload, contentType: mediaType ?? 'application/octet-stream' } };
  if (payload instanceof Uint8Array) return { done: { body: Buffer.from(payload), contentType: mediaType ?? 'application/octet-stream' } };
  const base = mediaType?.split(';', 1)[0]!.trim().toLowerCase();
  if (typeof payload === 'string' && !isJsonMediaType(mediaType)) return { done: text(payload, mediaType ?? 'text/plain; charset=utf-8') };
  if (base === 'application/x-www-form-urlencoded' && typeof payload === 'object') {
    return { done: text(toForm(payload as Record<string, unknown>), mediaType!) };
  }
  // A value declared as JSON is written as JSON, a string too: "hello" stays "hello" on the wire.
  return { json: mediaType && (isJsonMediaType(mediaType) || base?.startsWith('text/')) ? mediaType : 'application/json' };
}

/** Node's names for the charsets it can write; others are written as UTF-8 and labelled so. */
const ENCODINGS: Readonly<Record<string, BufferEncoding>> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'ascii',
  ascii: 'ascii',
  'utf-16le': 'utf16le',
  'utf-16': 'utf16le',
};

/**
 * Text in the charset its media type names, as Mule writes it; an unknown charset becomes UTF-8.
 * UTF-8 stays a string: Node writes a string body in the same packet as the headers.
 */
function text(value: string, mediaType: string): { body: string | Buffer; contentType: string } {
  const charset = /;\s*charset="?([^";]+)"?/i.exec(mediaType)?.[1]?.trim().toLowerCase();
  const encoding = charset ? ENCODINGS[charset] : 'utf8';
  if (encoding === 'utf8') return { body: value, contentType: mediaType };
  if (encoding) return { body: Buffer.from(value, encoding), contentType: mediaType };
  return { body: value, contentType: mediaType.replace(/;\s*charset="?[^";]+"?/i, '; charset=utf-8') };
}

function toForm(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item === null || item === undefined ? '' : String(item));
  }
  return params.toString();
}
