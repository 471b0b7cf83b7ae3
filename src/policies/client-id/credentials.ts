import type { Value } from '../../expr/value.js';
import type { PolicyContext } from '../policy.js';
import type { ClientIdConfig } from './config.js';

/** The credentials a request carries; `secret` undefined when none was presented. */
export interface Presented {
  readonly clientId: string;
  readonly secret?: string;
}

// RFC 7617 §2: credentials = "Basic" 1*SP token68, the user-id and password joined by the first colon.
const BASIC = /^Basic +([A-Za-z0-9+/]+=*) *$/i;

/** The client's credentials, where the configuration says to look; undefined when there is no client id. */
export async function credentialsOf(ctx: PolicyContext, config: ClientIdConfig): Promise<Presented | undefined> {
  if (config.origin === 'basic') return basic(ctx.request.headers.authorization);
  const clientId = await text(config.clientId, ctx);
  if (clientId === undefined) return undefined;
  return { clientId, secret: config.clientSecret ? await text(config.clientSecret, ctx) : undefined };
}

function basic(header: string | string[] | undefined): Presented | undefined {
  const encoded = BASIC.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * An expression's value as one non-empty string. A header sent twice (an array) is not one value:
 * the request is treated as one without it. An expression that fails finds nothing.
 */
async function text(value: Value, ctx: PolicyContext): Promise<string | undefined> {
  const v = await value.evaluate(ctx.event()).catch(() => undefined);
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  return s === undefined || s === '' ? undefined : s;
}
