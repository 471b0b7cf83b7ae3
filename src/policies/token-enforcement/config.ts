import { PolicyConfigError } from '../shared/policy.js';

/** The configuration as the schemas admit it (Anypoint's configurationData, flowrt's additions). */
interface RawConfig {
  scopes?: string;
  scopeValidationCriteria?: 'AND' | 'OR';
  exposeHeaders?: boolean;
  skipClientIdValidation?: boolean;
  authenticationTimeout?: number;
  tokenCacheTtlSeconds?: number;
  maxFederationExpirationTime?: number;
  maxCacheEntries?: number;
  maxCacheSize?: number;
  tokenUrl?: string;
  introspectionClientId?: string;
  introspectionClientSecret?: string;
}

/** A token-enforcement policy's configuration, read once. */
export interface EnforcementConfig {
  /** Required scopes; empty: no scope check. */
  readonly scopes: readonly string[];
  /** AND: the token carries every scope; OR: at least one. */
  readonly criteria: 'AND' | 'OR';
  readonly exposeHeaders: boolean;
  readonly skipClientIdValidation: boolean;
  /** The whole check (discovery and introspection), ms. */
  readonly timeoutMs: number;
  /** How long a valid token is trusted without asking again, ms; 0: never cached. */
  readonly cacheTtlMs: number;
  readonly maxCacheEntries: number;
}

/** An introspection endpoint given in the policy's configuration (oauth2-access-token-enforcement). */
export interface EndpointConfig {
  readonly url: URL;
  readonly clientId?: string;
  readonly clientSecret?: string;
}

export const DEFAULT_CACHE_TTL_SECONDS = 60;

/** Reads a configuration the schema accepted. */
export function enforcementConfig(raw: Readonly<Record<string, unknown>>): EnforcementConfig {
  const c = raw as RawConfig;
  const federation = c.maxFederationExpirationTime !== undefined && c.maxFederationExpirationTime >= 0 ? c.maxFederationExpirationTime : undefined;
  return Object.freeze({
    scopes: Object.freeze((c.scopes ?? '').split(/\s+/).filter(Boolean)),
    criteria: c.scopeValidationCriteria ?? 'AND',
    exposeHeaders: c.exposeHeaders === true,
    skipClientIdValidation: c.skipClientIdValidation === true,
    timeoutMs: c.authenticationTimeout ?? 10_000,
    cacheTtlMs: (c.tokenCacheTtlSeconds ?? federation ?? DEFAULT_CACHE_TTL_SECONDS) * 1000,
    maxCacheEntries: c.maxCacheEntries ?? c.maxCacheSize ?? 10_000,
  });
}

/** `tokenUrl` and its credentials, when the configuration gives them. */
export function endpointConfig(raw: Readonly<Record<string, unknown>>): EndpointConfig | undefined {
  const c = raw as RawConfig;
  if (c.tokenUrl === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(c.tokenUrl);
  } catch {
    throw new PolicyConfigError('tokenUrl must be an http(s) URL', '/tokenUrl');
  }
  // A secret in the URL would be sent (and logged) with every introspection.
  if (url.username || url.password)
    throw new PolicyConfigError('tokenUrl must not carry credentials: use introspectionClientId and introspectionClientSecret', '/tokenUrl');
  return { url, clientId: c.introspectionClientId, clientSecret: c.introspectionClientSecret };
}
