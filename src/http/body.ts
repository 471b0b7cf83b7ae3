import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { isJsonMediaType } from '../runtime/media-type.js';
import { readJson } from './json-reader.js';
import { nullRecord } from '../util/null-record.js';
import { FlowrtError } from '../errors/flowrt-error.js';

/** A request body the listener refuses, with the status that says why (RFC 9110 §15.5). */
export class BodyError extends FlowrtError<'body-refused'> {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    message: string,
  ) {
    super('body-refused', message);
  }
}

export interface ParsedBody {
  readonly payload: unknown;
  readonly mediaType?: string;
}

/** Bodies past this size are refused with 413 before they are held in memory. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

const NONE = Buffer.alloc(0);

/**
 * Reads the whole body, refusing it once it passes `limit` bytes. `onChunk` sees each chunk as it
 * arrives, before it is kept; what it throws stops the reading and rejects with that error.
 *
 * @example
 * const raw = await readBody(ctx.req, 1024 * 1024, (chunk) => scanner.write(chunk));
 */
export function readBody(req: IncomingMessage, limit: number, onChunk?: (chunk: Buffer) => void): Promise<Buffer> {
  return collectBody(req, limit, rawBytes(), onChunk);
}

/** Keeps a body's chunks as they arrive and gives the whole at its end. */
export interface Collector<T> {
  /** May throw (a BodyError) to refuse the body. */
  add(chunk: Buffer): void;
  done(size: number): T;
}

/** The body as it came, as bytes. */
export function rawBytes(): Collector<Buffer> {
  const chunks: Buffer[] = [];
  return {
    add: (chunk) => void chunks.push(chunk),
    done: (size) => (size === 0 ? NONE : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)),
  };
}

/**
 * UTF-8 text decoded chunk by chunk as the body arrives, so that a large body is not decoded in
 * one block of the event loop at its end. Invalid UTF-8 refuses the body (400). A body that comes
 * in one chunk (nearly every small one) is checked and decoded at once, without a TextDecoder.
 */
export function utf8Text(): Collector<string> {
  let first: Buffer | undefined;
  let decoder: TextDecoder | undefined;
  const parts: string[] = [];
  const decode = (chunk?: Buffer) => {
    try {
      parts.push(chunk ? decoder!.decode(chunk, { stream: true }) : decoder!.decode());
    } catch {
      throw invalidUtf8();
    }
  };
  return {
    add: (chunk) => {
      if (!decoder && !first) return void (first = chunk);
      if (!decoder) {
        decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
        decode(first);
      }
      decode(chunk);
    },
    done: () => {
      if (decoder) {
        decode();
        return parts.join('');
      }
      if (!first) return '';
      if (!isUtf8(first)) throw invalidUtf8();
      // As the TextDecoder above: a byte order mark is kept, as a character.
      return first.toString('utf8');
    },
  };
}

function invalidUtf8(): BodyError {
  return new BodyError(400, 'request body is not valid utf-8');
}

/** {@link readBody}, keeping what arrives with `collector`. */
export function collectBody<T>(req: IncomingMessage, limit: number, collector: Collector<T>, onChunk?: (chunk: Buffer) => void): Promise<T> {
  const length = req.headers['content-length'];
  if (length !== undefined) {
    const declared = Number(length);
    if (declared > limit) return Promise.reject(tooLarge(limit));
    if (declared === 0) return Promise.resolve(collector.done(0));
  } else if (req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(collector.done(0)); // RFC 9112 §6.3: neither length nor chunking means no body
  }
  return new Promise((resolve, reject) => {
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    // Discard the rest rather than reset the socket, so that the answer reaches the client;
    // the listener closes the connection after answering.
    const refuse = (err: unknown) => {
      done();
      req.resume();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return refuse(tooLarge(limit));
      try {
        onChunk?.(chunk);
        collector.add(chunk);
      } catch (e) {
        return refuse(e);
      }
    };
    const onEnd = () => {
      done();
      try {
        resolve(collector.done(size));
      } catch (e) {
        reject(e);
      }
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      reject(new BodyError(400, 'the client closed the connection before sending the whole body'));
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function tooLarge(limit: number): BodyError {
  return new BodyError(413, `request body is larger than the ${limit} bytes this listener accepts`);
}

/**
 * The payload a request body becomes, by its Content-Type: JSON as a structure, form data as an
 * object, text (and XML, for now) as a string, anything else as bytes. An empty body is null.
 */
export function parseBody(raw: Buffer, contentType: string | undefined, defaultCharset = 'utf-8'): ParsedBody {
  const plan = planOf(raw, contentType, defaultCharset);
  if (!('json' in plan)) return plan;
  try {
    return { payload: JSON.parse(plan.json), mediaType: plan.mediaType };
  } catch (e) {
    throw notJson(e);
  }
}

/**
 * {@link parseBody}, reading a large JSON body without holding the event loop (json-reader.ts):
 * for what requests and upstreams send, which may be megabytes.
 */
export async function parseBodySliced(raw: Buffer, contentType: string | undefined, defaultCharset = 'utf-8'): Promise<ParsedBody> {
  const plan = planOf(raw, contentType, defaultCharset);
  return 'json' in plan ? parseJsonText(plan.json, plan.mediaType) : plan;
}

/** JSON text already decoded as the payload (null when empty), or a 400. */
export async function parseJsonText(text: string, mediaType: string | undefined): Promise<ParsedBody> {
  if (text.length === 0) return { payload: null, mediaType };
  try {
    return { payload: await readJson(text), mediaType };
  } catch (e) {
    throw notJson(e);
  }
}

/** Whether a body of this Content-Type is UTF-8 JSON, which can be decoded as it arrives. */
export function isUtf8Json(contentType: string | undefined, defaultCharset = 'utf-8'): boolean {
  if (!contentType || !isJsonMediaType(contentType.split(';', 1)[0]!.trim().toLowerCase())) return false;
  const charset = (/;\s*charset="?([^";]+)"?/i.exec(contentType)?.[1]?.trim() ?? defaultCharset).toLowerCase();
  return charset === 'utf-8' || charset === 'utf8';
}

/** The payload, or the JSON text still to read. */
function planOf(raw: Buffer, contentType: string | undefined, defaultCharset: string): ParsedBody | { readonly json: string; readonly mediaType?: string } {
  const mediaType = contentType || undefined;
  if (raw.length === 0) return { payload: null, mediaType };
  const base = mediaType?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
  if (isJsonMediaType(base)) return { json: decode(raw, mediaType, defaultCharset), mediaType };
  if (base === 'application/x-www-form-urlencoded') return { payload: formToObject(decode(raw, mediaType, defaultCharset)), mediaType };
  if (base.startsWith('text/') || base === 'application/xml' || base.endsWith('+xml') || base === '') {
    return { payload: decode(raw, mediaType, defaultCharset), mediaType };
  }
  return { payload: raw, mediaType };
}

function notJson(e: unknown): BodyError {
  return new BodyError(400, `request body is not valid JSON: ${(e as Error).message}`);
}

/**
 * Form fields as an object; a field sent twice becomes an array of its values. Nothing inherited
 * (util/null-record.ts), so that fields named `__proto__`, `constructor` or `toString` are fields
 * like any other.
 */
export function formToObject(text: string): Record<string, string | string[]> {
  const out = nullRecord<string | string[]>();
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** Whether text in this charset can be read (the listener's outputEncoding is checked at load). */
export function isSupportedCharset(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

// Decoders are costly to create and hold no state between whole-buffer decodes: one per charset.
const decoders = new Map<string, TextDecoder>();

function decode(raw: Buffer, mediaType: string | undefined, defaultCharset: string): string {
  const charset = (/;\s*charset="?([^";]+)"?/i.exec(mediaType ?? '')?.[1]?.trim() ?? defaultCharset).toLowerCase();
  if (charset === 'utf-8' || charset === 'utf8') {
    if (!isUtf8(raw)) throw new BodyError(400, `request body is not valid ${charset}`);
    return raw.toString('utf8');
  }
  let decoder = decoders.get(charset);
  if (!decoder) {
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      throw new BodyError(415, `charset "${charset}" is not supported`);
    }
    decoders.set(charset, decoder);
  }
  try {
    return decoder.decode(raw);
  } catch {
    throw new BodyError(400, `request body is not valid ${charset}`);
  }
}
