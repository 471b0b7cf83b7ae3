import type { Value } from '../../expr/value.js';
import { basicCredentials } from '../../http/basic-credentials.js';
import type { PolicyContext } from '../shared/policy.js';
import type { ClientIdConfig } from './config.js';

/** The credentials a request carries; `secret` undefined when none was presented. */
export interface Presented {
  readonly clientId: string;
  readonly secret?: string;
}

/** The client's credentials, where the configuration says to look; undefined when there is no client id. */
export async function credentialsOf(ctx: PolicyContext, config: ClientIdConfig): Promise<Presented | undefined> {
  if (config.origin === 'basic') return basic(ctx.request.headers.authorization);
  const clientId = await text(config.clientId, ctx);
  if (clientId === undefined) return undefined;
  return { clientId, secret: config.clientSecret ? await text(config.clientSecret, ctx) : undefined };
}

function basic(header: string | string[] | undefined): Presented | undefined {
  const found = basicCredentials(Array.isArray(header) ? header[0] : header);
  // No client id, no client.
  return found && found.user !== '' ? { clientId: found.user, secret: found.password } : undefined;
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
