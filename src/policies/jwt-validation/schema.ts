import { TOKEN_PATTERN } from '../../util/http-token.js';

const claims = {
  type: 'array',
  items: {
    type: 'object',
    required: ['key', 'value'],
    additionalProperties: false,
    properties: { key: { type: 'string', minLength: 1 }, value: { type: ['string', 'number', 'boolean'] } },
  },
} as const;

/** A positive whole number; exported configurationData sometimes carries numbers as strings. */
const count = (description: string, fallback: number) =>
  ({ type: ['integer', 'string'], pattern: '^[1-9][0-9]*$', minimum: 1, default: fallback, description }) as const;

/**
 * jwt-validation's configuration: Anypoint's parameter names and defaults, so an exported
 * configurationData carries over. `clockSkew`, `issuers` and `requiredTyp` are flowrt's.
 * `customKeyExpression` is Anypoint's and accepted so exports load; `create` refuses what it would
 * ask for (a key from an expression).
 */
export const JWT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    jwtOrigin: { enum: ['httpBearerAuthenticationHeader', 'customExpression'], default: 'httpBearerAuthenticationHeader' },
    jwtExpression: { type: 'string', minLength: 1, default: "#[attributes.headers['jwt']]" },
    signingMethod: { enum: ['rsa', 'hmac', 'es', 'none'], default: 'rsa' },
    signingKeyLength: { enum: [256, 384, 512, '256', '384', '512'], default: 256 },
    jwtKeyOrigin: { enum: ['text', 'jwks', 'customKey'], default: 'text' },
    textKey: { type: 'string', description: 'an HMAC secret, or a PEM public key or certificate; ignored with jwks' },
    customKeyExpression: { type: 'string', description: 'Anypoint only: not supported' },
    jwksUrl: { type: 'string', pattern: '^https?://', description: "absent with jwks: the JWKS of the API's client provider" },
    jwksServiceTimeToLive: count('minutes a fetched key set is used before it is fetched again', 60),
    jwksServiceConnectionTimeout: count('ms a JWKS fetch may take', 10_000),
    skipClientIdValidation: { type: 'boolean', default: true, description: "false: the token's client must have an approved contract for the API" },
    clientIdExpression: {
      type: 'string',
      default: '#[vars.claimSet.client_id]',
      description: "where the token's client id is, when skipClientIdValidation is false",
    },
    validateAudClaim: { type: 'boolean', default: false },
    mandatoryAudClaim: { type: 'boolean', default: false },
    supportedAudiences: { type: 'string', description: 'comma-separated' },
    mandatoryExpClaim: { type: 'boolean', default: false },
    mandatoryNbfClaim: { type: 'boolean', default: false },
    validateCustomClaim: { type: 'boolean', default: false },
    mandatoryCustomClaims: claims,
    nonMandatoryCustomClaims: claims,
    claimsToHeaders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['claimName', 'headerName'],
        additionalProperties: false,
        properties: { claimName: { type: 'string', minLength: 1 }, headerName: { type: 'string', pattern: TOKEN_PATTERN } },
      },
    },
    clockSkew: { type: 'integer', minimum: 0, default: 0, description: 'flowrt: seconds of leeway for exp and nbf' },
    issuers: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'flowrt: accepted iss values' },
    requiredTyp: { type: 'string', minLength: 1, description: 'flowrt: the typ header a token must carry, e.g. at+jwt (RFC 9068)' },
  },
  allOf: [{ if: { properties: { validateAudClaim: { const: true } }, required: ['validateAudClaim'] }, then: { required: ['supportedAudiences'] } }],
} as const;
