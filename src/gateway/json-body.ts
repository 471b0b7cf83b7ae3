import type { Context, Next } from 'koa';
import { BodyError, readBody } from '../http/body.js';
import { isJsonMediaType } from '../runtime/media-type.js';

/** The largest JSON body an admin route reads. */
export const MAX_JSON_BODY = 1024 * 1024;

/**
 * Route middleware of the admin routes that take JSON: the body parsed into `ctx.request.body`,
 * or the answer that says why not. Another content type is 415 (RFC 9110 §15.5.16), unread; a
 * body without one is read as JSON (§8.3 lets a recipient examine it); past 1 MiB 413; not JSON 400.
 *
 * @example
 * router.post('/applications', jsonBody, (ctx) => create(ctx.request.body));
 */
export async function jsonBody(ctx: Context, next: Next): Promise<void> {
  const type = ctx.get('content-type');
  if (hasBody(ctx) && type !== '' && !isJsonMediaType(type)) {
    return answer(ctx, 415, 'unsupported_media_type', `this route takes JSON: send Content-Type application/json, not ${type.split(';', 1)[0]!.trim()}`);
  }
  let raw: Buffer;
  try {
    raw = await readBody(ctx.req, MAX_JSON_BODY);
  } catch (e) {
    if (e instanceof BodyError && e.status === 413) return answer(ctx, 413, 'invalid_request', 'the body is larger than 1 MiB');
    throw e;
  }
  const text = raw.toString('utf8');
  if (text.trim() !== '') {
    try {
      (ctx.request as { body?: unknown }).body = JSON.parse(text);
    } catch (e) {
      return answer(ctx, 400, 'invalid_request', `the body is not valid JSON: ${(e as Error).message}`);
    }
  }
  await next();
}

/** RFC 9112 §6.3: a request has a body when it says how long it is (more than 0) or that it is chunked. */
function hasBody(ctx: Context): boolean {
  const { headers } = ctx.req;
  return headers['transfer-encoding'] !== undefined || (headers['content-length'] !== undefined && headers['content-length'] !== '0');
}

function answer(ctx: Context, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.body = { error, error_description: description };
}
