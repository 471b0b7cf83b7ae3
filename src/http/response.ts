import type { Context } from 'koa';
import { STATUS_CODES } from 'node:http';
import { serialize } from './serialize.js';
import type { Serialized } from './serialize.js';

/** What a listener answers: resolved from `http:response` or `http:error-response`. */
export interface ResponseSpec {
  readonly status: number;
  readonly reasonPhrase?: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** The body's media type when known (the payload's, or the listener's outputMimeType). */
  readonly mediaType?: string;
  /** The body already serialized (a flow's response, written off the event loop's critical path). */
  readonly encoded?: Serialized;
}

const EMPTY = Buffer.alloc(0);

/** Writes a response: the body is serialized by its type, Content-Type follows unless a header sets it. */
export function writeResponse(ctx: Context, spec: ResponseSpec): void {
  const { body, contentType } = spec.encoded ?? serialize(spec.body, spec.mediaType);
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
