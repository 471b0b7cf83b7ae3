import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { isJsonMediaType } from '../runtime/media-type.js';

/** A request body the listener refuses, with the status that says why (RFC 9110 §15.5). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 415,
    message: string,
  ) {
    super(message);
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
  const length = req.headers['content-length'];
  if (length !== undefined) {
    const declared = Number(length);
    if (declared > limit) return Promise.reject(tooLarge(limit));
    if (declared === 0) return Promise.resolve(NONE);
  } else if (req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(NONE); // RFC 9112 §6.3: neither length nor chunking means no body
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
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
      if (onChunk) {
        try {
          onChunk(chunk);
        } catch (e) {
          return refuse(e);
        }
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
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
  const mediaType = contentType || undefined;
  if (raw.length === 0) return { payload: null, mediaType };
  const base = mediaType?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
  if (isJsonMediaType(base)) {
    const text = decode(raw, mediaType, defaultCharset);
    try {
      return { payload: JSON.parse(text), mediaType };
    } catch (e) {
      throw new BodyError(400, `request body is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (base === 'application/x-www-form-urlencoded') return { payload: formToObject(decode(raw, mediaType, defaultCharset)), mediaType };
  if (base.startsWith('text/') || base === 'application/xml' || base.endsWith('+xml') || base === '') {
    return { payload: decode(raw, mediaType, defaultCharset), mediaType };
  }
  return { payload: raw, mediaType };
}

/**
 * Form fields as an object; a field sent twice becomes an array of its values. Null-prototype, so
 * that fields named `__proto__`, `constructor` or `toString` are fields like any other.
 */
export function formToObject(text: string): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
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
