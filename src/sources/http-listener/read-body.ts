import type { IncomingMessage } from 'node:http';
import { BodyError, collectBody, isUtf8Json, parseBodySliced, parseJsonText, rawBytes, utf8Text } from '../../http/body.js';
import type { Collector, ParsedBody } from '../../http/body.js';
import type { ResponseSpec } from '../../http/response.js';
import type { BodyInspector } from '../../policies/shared/policy.js';
import { BodyRejectedError } from '../../policies/shared/policy.js';

/**
 * The payload of the request's body. UTF-8 JSON is decoded as it arrives and read in slices
 * (json-reader.ts): a 9 MB order must not hold every other request for the ~100 ms JSON.parse
 * would take.
 */
export async function readPayload(
  req: IncomingMessage,
  limit: number,
  contentType: string,
  charset: string | undefined,
  inspectors: readonly BodyInspector[] | undefined,
): Promise<ParsedBody> {
  const type = contentType || undefined;
  if (isUtf8Json(type, charset)) return parseJsonText(await readInspected(req, limit, utf8Text(), inspectors), type);
  return parseBodySliced(await readInspected(req, limit, rawBytes(), inspectors), type, charset);
}

/** The body, each chunk shown to the policies' inspectors as it arrives, then the end. */
async function readInspected<T>(req: IncomingMessage, limit: number, collector: Collector<T>, inspectors: readonly BodyInspector[] | undefined): Promise<T> {
  if (!inspectors) return collectBody(req, limit, collector);
  const body = await collectBody(req, limit, collector, (chunk) => {
    for (const inspector of inspectors) inspector.write(chunk);
  });
  for (const inspector of inspectors) inspector.end();
  return body;
}

/**
 * A body the listener or a policy's inspector refuses: 400-class, and the connection closed when
 * its rest is unread (it is drained until the response is written, not kept).
 */
export function bodyRefused(e: unknown, req: IncomingMessage): ResponseSpec {
  if (e instanceof BodyRejectedError) {
    const body = { error: e.error, error_description: e.description };
    return { status: e.status, headers: req.complete ? {} : { connection: 'close' }, body, mediaType: 'application/json' };
  }
  const err = e instanceof BodyError ? e : new BodyError(400, 'request body could not be read');
  return { status: err.status, headers: err.status === 413 ? { connection: 'close' } : {}, body: err.message, mediaType: 'text/plain; charset=utf-8' };
}
