import type { Context } from 'koa';
import { STATUS_CODES } from 'node:http';
import { isJsonMediaType } from '../runtime/media-type.js';

/** What a listener answers: resolved from `http:response` or `http:error-response`. */
export interface ResponseSpec {
  readonly status: number;
  readonly reasonPhrase?: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The body's media type when known (the payload's, or the listener's outputMimeType). */
  readonly mediaType?: string;
}

const EMPTY = Buffer.alloc(0);

/** Writes a response: the body is serialized by its type, Content-Type follows unless a header sets it. */
export function writeResponse(ctx: Context, spec: ResponseSpec): void {
  const { body, contentType } = serialize(spec.body, spec.mediaType);
  ctx.status = spec.status;
  // An empty Buffer rather than null: Koa turns a null body into 204, Mule answers the status asked for.
  ctx.body = body ?? EMPTY;
  if (body === undefined || !contentType) ctx.remove('Content-Type');
  else ctx.set('Content-Type', contentType);
  for (const [name, value] of Object.entries(spec.headers)) {
    if (value === undefined || value === null) continue;
    ctx.set(name, Array.isArray(value) ? value.map(String) : String(value));
  }
  if (spec.reasonPhrase) ctx.message = spec.reasonPhrase;
  else if (!STATUS_CODES[spec.status]) ctx.message = 'Unknown';
}

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
