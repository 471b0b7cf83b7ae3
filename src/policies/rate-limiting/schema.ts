/**
 * The configurations of the traffic policies: Anypoint's parameter names and defaults, so an
 * exported `configurationData` carries over, plus flowrt's `onStoreFailure`.
 */

const LIMIT = {
  type: 'object',
  additionalProperties: false,
  required: ['maximumRequests', 'timePeriodInMilliseconds'],
  properties: {
    maximumRequests: { type: 'integer', minimum: 1, description: 'The quota: requests allowed in each window.' },
    timePeriodInMilliseconds: { type: 'integer', minimum: 1, description: "The window's length; it starts at the first request it counts." },
  },
} as const;

export const EXPOSE_HEADERS = {
  type: 'boolean',
  default: false,
  description: 'Answer with x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset (ms) and the IETF RateLimit-Policy / RateLimit fields.',
} as const;

export const CLUSTERIZABLE = {
  type: 'boolean',
  default: true,
  description: 'true: one quota shared by every runtime on the same Redis (--redis); false: each runtime counts on its own, in memory.',
} as const;

export const ON_STORE_FAILURE = {
  enum: ['allow', 'deny'],
  default: 'allow',
  description: 'flowrt: when the store (Redis) cannot be reached, let requests through uncounted (allow) or answer 503 (deny).',
} as const;

export const RATE_LIMITING_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['rateLimits'],
  properties: {
    rateLimits: { type: 'array', minItems: 1, items: LIMIT, description: 'Every limit is enforced: a request passes only while each has quota left.' },
    keySelector: {
      type: 'string',
      minLength: 1,
      description: "#[…] (or a literal): one quota per value, e.g. #[attributes.headers['x-tenant']]. Absent: one quota for the API.",
    },
    exposeHeaders: EXPOSE_HEADERS,
    clusterizable: CLUSTERIZABLE,
    onStoreFailure: ON_STORE_FAILURE,
  },
} as const;

export const SLA_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    clientIdExpression: { type: 'string', minLength: 1, default: "#[attributes.headers['client_id']]" },
    clientSecretExpression: {
      type: 'string',
      default: "#[attributes.headers['client_secret']]",
      description: 'empty: only the client id is checked',
    },
    exposeHeaders: EXPOSE_HEADERS,
    clusterizable: CLUSTERIZABLE,
    onStoreFailure: ON_STORE_FAILURE,
  },
} as const;

export const SPIKE_CONTROL_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['maximumRequests', 'timePeriodInMilliseconds'],
  properties: {
    maximumRequests: { type: 'integer', minimum: 1, description: 'Requests served in any sliding window of timePeriodInMilliseconds.' },
    timePeriodInMilliseconds: { type: 'integer', minimum: 1 },
    delayTimeInMillis: { type: 'integer', minimum: 1, default: 1000, description: 'How long a request over the limit waits before it tries again.' },
    delayAttempts: { type: 'integer', minimum: 0, default: 1, description: 'How many times it tries again before 429.' },
    queuingLimit: { type: 'integer', minimum: 0, default: 0, description: 'How many requests may wait at once (per runtime); 0: none waits.' },
    exposeHeaders: EXPOSE_HEADERS,
    clusterizable: { type: 'boolean', description: "Accepted for Anypoint's exports; spike control always smooths each runtime's own traffic." },
  },
} as const;
