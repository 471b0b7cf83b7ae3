const claims = {
  type: 'array',
  items: { type: 'object', required: ['key', 'value'], additionalProperties: false, properties: { key: { type: 'string', minLength: 1 }, value: { type: ['string', 'number', 'boolean'] } } },
} as const;

/**
 * jwt-validation's configuration: Anypoint's parameter names and defaults, so an exported
 * configurationData carries over; `clockSkew`, `issuers` and `requiredTyp` are flowrt's.
 */
export const JWT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    jwtOrigin: { enum: ['httpBearerAuthenticationHeader', 'customExpression'], default: 'httpBearerAuthenticationHeader' },
    jwtExpression: { type: 'string', default: "#[attributes.headers['jwt']]" },
    signingMethod: { enum: ['rsa', 'hmac', 'es', 'none'], default: 'rsa' },
    signingKeyLength: { enum: [256, 384, 512, '256', '384', '512'], default: 256 },
    jwtKeyOrigin: { enum: ['text', 'jwks', 'customKey'], default: 'text' },
    textKey: { type: 'string' },
    customKeyExpression: { type: 'string' },
    jwksUrl: { type: 'string' },
    jwksServiceTimeToLive: { type: 'integer', minimum: 1, default: 60, description: 'minutes' },
    jwksServiceConnectionTimeout: { type: 'integer', minimum: 1, default: 10000, description: 'ms' },
    skipClientIdValidation: { type: 'boolean', default: true },
    clientIdExpression: { type: 'string', default: '#[vars.claimSet.client_id]' },
    validateAudClaim: { type: 'boolean', default: false },
    mandatoryAudClaim: { type: 'boolean', default: false },
    supportedAudiences: { type: 'string' },
    mandatoryExpClaim: { type: 'boolean', default: false },
    mandatoryNbfClaim: { type: 'boolean', default: false },
    validateCustomClaim: { type: 'boolean', default: false },
    mandatoryCustomClaims: claims,
    nonMandatoryCustomClaims: claims,
    claimsToHeaders: {
      type: 'array',
      items: { type: 'object', required: ['claimName', 'headerName'], additionalProperties: false, properties: { claimName: { type: 'string' }, headerName: { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" } } },
    },
    clockSkew: { type: 'integer', minimum: 0, default: 0, description: 'flowrt: seconds of leeway for exp and nbf' },
    issuers: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'flowrt: accepted iss values' },
    requiredTyp: { type: 'string', description: 'flowrt: the typ header a token must carry, e.g. at+jwt (RFC 9068)' },
  },
} as const;
