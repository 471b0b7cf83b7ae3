/**
 * The parameters both token-enforcement policies share: Anypoint's names and meanings, so an
 * exported configurationData carries over. `tokenCacheTtlSeconds` is flowrt's; `secureTrustStore`
 * is accepted and changes nothing (flowrt always verifies the IdP's certificate).
 */
const COMMON = {
  scopes: { type: 'string', default: '', description: 'space-separated scopes the token must carry (case-sensitive); empty: none' },
  scopeValidationCriteria: { enum: ['AND', 'OR'], default: 'AND', description: 'AND: every scope; OR: at least one' },
  exposeHeaders: { type: 'boolean', default: false, description: 'the introspection answer reaches the flow as X-AGW-<property> request headers' },
  skipClientIdValidation: {
    type: 'boolean',
    default: false,
    description: "false: the token's client_id must have an approved contract with the API (applications in api-manager.yaml)",
  },
  authenticationTimeout: { type: 'integer', minimum: 100, maximum: 60_000, default: 10_000, description: 'ms the whole token check may take' },
  tokenCacheTtlSeconds: {
    type: 'integer',
    minimum: 0,
    default: 60,
    description: 'flowrt: seconds a valid token is trusted without asking the IdP again (never past its exp); 0: ask every time',
  },
  maxFederationExpirationTime: {
    type: 'integer',
    minimum: -1,
    description: 'Anypoint: seconds a token is cached; used when tokenCacheTtlSeconds is absent, -1 means the default',
  },
  maxCacheEntries: { type: 'integer', minimum: 1, default: 10_000, description: 'tokens kept at most, least recently used dropped first' },
  maxCacheSize: { type: 'integer', minimum: 1, description: "Anypoint Flex's name for maxCacheEntries" },
  secureTrustStore: { type: 'boolean', default: false, description: "Anypoint: accepted; flowrt always verifies the IdP's TLS certificate" },
} as const;

/** `openidconnect-access-token-enforcement`: tokens are introspected at the API's client provider. */
export const OIDC_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: COMMON,
} as const;

/**
 * `oauth2-access-token-enforcement`: at `tokenUrl` (an RFC 7662 endpoint) with the given
 * credentials, or at the API's client provider when there is none.
 */
export const OAUTH2_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...COMMON,
    tokenUrl: { type: 'string', pattern: '^https?://', description: "the RFC 7662 introspection endpoint; absent: the API's client provider" },
    introspectionClientId: { type: 'string', minLength: 1, description: 'flowrt: who the policy introspects as (client_secret_basic)' },
    introspectionClientSecret: { type: 'string', minLength: 1, description: 'flowrt: its secret' },
  },
  dependentRequired: { introspectionClientId: ['tokenUrl', 'introspectionClientSecret'], introspectionClientSecret: ['introspectionClientId'] },
} as const;
