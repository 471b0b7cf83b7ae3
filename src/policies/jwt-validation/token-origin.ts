import type { PolicyContext } from '../shared/policy.js';
import type { JwtConfig } from './config.js';

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token a request carries, where the configuration says to look; undefined when it has none. */
export async function tokenOf(ctx: PolicyContext, config: JwtConfig): Promise<string | undefined> {
  if (config.tokenExpression) {
    // An expression that fails to evaluate finds no token: the request is refused as one without.
    const value = await config.tokenExpression.evaluate(ctx.event()).catch(() => undefined);
    if (typeof value !== 'string') return undefined;
    const token = value.trim().replace(/^Bearer +/i, '');
    return token === '' ? undefined : token;
  }
  return bearerToken(ctx);
}

/** The token of an `Authorization: Bearer` header (RFC 6750 §2.1); undefined when there is none. */
export function bearerToken(ctx: PolicyContext): string | undefined {
  const header = ctx.request.headers.authorization;
  return BEARER.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
}
