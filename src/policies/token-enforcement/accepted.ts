import type { Introspection } from '../shared/identity.js';
import { deepFreeze, headerValue } from '../shared/shared-values.js';
import { isToken } from '../../util/http-token.js';

/** What the flow learns of the caller: `vars.authentication`, as Anypoint's authentication object. */
export interface Authentication {
  /** `username`, else `sub`, else `client_id` of the introspection answer. */
  readonly principal?: string;
  readonly clientId?: string;
  readonly scopes: readonly string[];
  /** The whole introspection answer. */
  readonly properties: Readonly<Introspection>;
}

/** What a token the IdP vouched for gives each request that carries it; frozen, since requests share it. */
export interface Accepted {
  readonly authentication: Authentication;
  /** `x-agw-<property>` → value, when exposeHeaders asks for them. */
  readonly headers: Readonly<Record<string, string>>;
  /** ms since epoch, from `exp`; undefined: the token did not say. */
  readonly expiresAt?: number;
}

export const EXPOSED_PREFIX = 'x-agw-';

/** Why an introspection answer does not let the token in (RFC 7662 §2.2, §4), or undefined. */
export function tokenProblem(answer: Introspection, now: number): string | undefined {
  if (answer.active !== true) return 'token is not active';
  if (typeof answer.exp === 'number' && answer.exp * 1000 <= now) return 'token expired';
  if (typeof answer.nbf === 'number' && answer.nbf * 1000 > now) return 'token not yet valid';
  return undefined;
}

/** The scopes an answer grants: RFC 7662 says a space-separated string; some IdPs give a list. */
export function scopesOf(answer: Introspection): string[] {
  const scope = answer.scope ?? answer.scp;
  if (typeof scope === 'string') return scope.split(/\s+/).filter(Boolean);
  if (Array.isArray(scope)) return scope.filter((s): s is string => typeof s === 'string');
  return [];
}

export function accept(answer: Introspection, exposeHeaders: boolean): Accepted {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const authentication: Authentication = {
    principal: text(answer.username) ?? text(answer.sub) ?? text(answer.client_id),
    clientId: text(answer.client_id),
    scopes: scopesOf(answer),
    properties: answer,
  };
  return deepFreeze({
    authentication,
    headers: exposeHeaders ? exposed(answer) : {},
    expiresAt: typeof answer.exp === 'number' ? answer.exp * 1000 : undefined,
  });
}

/** Anypoint's exposeHeaders: each property as an `X-AGW-` request header (lower-case, as ours are). */
function exposed(answer: Introspection): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer)) {
    // RFC 9110 §5.1: a field name is a token; properties named otherwise are not exposed.
    if (value === undefined || value === null || !isToken(name)) continue;
    // A header value cannot hold CR, LF or NUL (RFC 9110 §5.5), whatever the IdP says.
    headers[`${EXPOSED_PREFIX}${name.toLowerCase()}`] = headerValue(value);
  }
  return headers;
}
