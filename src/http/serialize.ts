import { isJsonMediaType } from '../runtime/media-type.js';

/** The bytes a payload becomes on the wire, and its Content-Type. */
export function serialize(payload: unknown, mediaType: string | undefined): { body?: string | Buffer; contentType?: string } {
  if (payload === undefined || payload === null) return {};
  if (Buffer.isBuffer(payload)) return { body: payload, contentType: mediaType ?? 'application/octet-stream' };
  if (payload instanceof Uint8Array) return { body: Buffer.from(payload), contentType: mediaType ?? 'application/octet-stream' };
  const base = mediaType?.split(';', 1)[0]!.trim().toLowerCase();
  if (typeof payload === 'string' && !isJsonMediaType(mediaType)) return text(payload, mediaType ?? 'text/plain; charset=utf-8');
  if (base === 'application/x-www-form-urlencoded' && typeof payload === 'object') {
    return text(toForm(payload as Record<string, unknown>), mediaType!);
  }
  // A value declared as JSON is written as JSON, a string too: "hello" stays "hello" on the wire.
  const type = mediaType && (isJsonMediaType(mediaType) || base?.startsWith('text/')) ? mediaType : 'application/json';
  return text(JSON.stringify(payload), type);
}

/** Node's names for the charsets it can write; others are written as UTF-8 and labelled so. */
const ENCODINGS: Readonly<Record<string, BufferEncoding>> = {
  'utf-8': 'utf8', utf8: 'utf8', 'iso-8859-1': 'latin1', latin1: 'latin1', 'us-ascii': 'ascii', ascii: 'ascii',
  'utf-16le': 'utf16le', 'utf-16': 'utf16le',
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
