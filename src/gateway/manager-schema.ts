import type { PolicyType } from '../policies/shared/policy.js';

export const MANAGER_SCHEMA_ID = 'https://flowrt.dev/schemas/api-manager.schema.json';

/**
 * The JSON Schema of api-manager.yaml, with each policy's configuration schema chosen by its
 * `id`: one document that editors (YAML language server) and `flowrt validate` both use.
 */
export function managerSchema(policies: readonly PolicyType[]): Record<string, unknown> {
  const ids = policies.map((p) => p.id);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: MANAGER_SCHEMA_ID,
    title: 'flowrt API manager',
    description: 'The policies of each API, as Anypoint API Manager holds them. Edits apply to a running runtime.',
    type: 'object',
    additionalProperties: false,
    properties: {
      gatekeeper: {
        enum: ['strict', 'flexible', 'disabled'],
        default: 'flexible',
        description: 'strict/flexible: an API answers 503 until its policies are loaded and valid; disabled: it is served unprotected meanwhile.',
      },
      anypointCompat: { type: 'boolean', default: false, description: "Anypoint's status codes where they differ from the RFCs, for every API." },
      clientProviders: {
        type: 'array',
        items: { $ref: '#/$defs/clientProvider' },
        description: 'External identity providers (key managers) whose tokens APIs accept.',
      },
      apis: { type: 'array', items: { $ref: '#/$defs/api' } },
      applications: { type: 'array', items: { $ref: '#/$defs/application' }, description: 'Client applications and their contracts with APIs.' },
    },
    $defs: {
      api: {
        type: 'object',
        additionalProperties: false,
        required: ['apiId'],
        properties: {
          apiId: { type: ['string', 'integer'], description: 'The apiId an <api-gateway:autodiscovery> names.' },
          anypointCompat: { type: 'boolean' },
          clientProvider: { type: 'string', minLength: 1, description: 'The name of a client provider whose tokens and clients this API accepts.' },
          policies: { type: 'array', items: { $ref: '#/$defs/policy' } },
          tiers: {
            type: 'array',
            items: { $ref: '#/$defs/tier' },
            description: 'SLA tiers: the limits rate-limiting-sla-based enforces for contracts naming them.',
          },
        },
      },
      tier: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'limits'],
        properties: {
          name: { type: 'string', minLength: 1, description: 'What contracts name as their tier.' },
          limits: {
            type: 'array',
            minItems: 1,
            description: 'Every limit is enforced: a request passes only while each has quota left.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['maximumRequests', 'timePeriodInMilliseconds'],
              properties: {
                maximumRequests: { type: 'integer', minimum: 1 },
                timePeriodInMilliseconds: { type: 'integer', minimum: 1 },
              },
            },
          },
          autoApprove: {
            type: 'boolean',
            default: false,
            description: "Anypoint approves contract requests for this tier at once; recorded only (flowrt's contracts are approved when created).",
          },
        },
      },
      clientProvider: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'type'],
        anyOf: [
          { required: ['discoveryUrl'] },
          { required: ['introspectionUrl'] },
          { required: ['jwksUrl'] },
          { required: ['providerConfig'], properties: { type: { const: 'flowrt' } } },
        ],
        properties: {
          name: { type: 'string', minLength: 1 },
          type: {
            enum: ['openid-connect', 'oauth2', 'flowrt'],
            description:
              "openid-connect: discovery at /.well-known/openid-configuration; oauth2: RFC 8414 metadata; flowrt: the app's own oauth2-provider:config (providerConfig), checked without an HTTP call.",
          },
          providerConfig: { type: 'string', minLength: 1, description: 'type flowrt: the name of the <oauth2-provider:config> of the app.' },
          discoveryUrl: { type: 'string', pattern: '^https?://', description: 'The discovery document; its endpoints apply unless given below.' },
          issuer: { type: 'string', pattern: '^https?://' },
          jwksUrl: { type: 'string', pattern: '^https?://' },
          introspectionUrl: { type: 'string', pattern: '^https?://' },
          registrationUrl: { type: 'string', pattern: '^https?://' },
          introspectionClientId: { type: 'string', minLength: 1 },
          introspectionClientSecret: { type: 'string', minLength: 1, description: 'Or ${ENV_VAR}: read from the environment.' },
          registrationAuthorization: { type: 'string', minLength: 1, description: 'The initial access token for dynamic client registration; or ${ENV_VAR}.' },
          timeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: 5000 },
          metadataTtlSeconds: { type: 'integer', minimum: 1, default: 3600 },
        },
      },
      application: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'clientId'],
        properties: {
          name: { type: 'string', minLength: 1 },
          clientId: { type: 'string', minLength: 1 },
          clientSecretHash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'sha256 (hex) of the client secret; never the secret.' },
          clientProvider: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          contracts: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['apiId'],
              properties: { apiId: { type: ['string', 'integer'] }, tier: { type: 'string' }, status: { enum: ['approved', 'revoked'], default: 'approved' } },
            },
          },
        },
      },
      policy: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: ids.length > 0 ? { enum: ids, description: 'The policy kind.' } : { not: {}, description: 'No policy kinds are registered.' },
          name: { type: 'string', minLength: 1, description: 'Distinguishes two applications of one kind; defaults to id.' },
          order: { type: 'integer', minimum: 1, description: 'Position in the chain; policies without one follow, in list order.' },
          config: { type: 'object' },
          pointcut: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              properties: { methodRegex: { type: 'string' }, uriTemplateRegex: { type: 'string' } },
            },
          },
        },
        ...(policies.length > 0
          ? {
              allOf: policies.map((p) => ({
                if: { properties: { id: { const: p.id } }, required: ['id'] },
                then: { properties: { config: p.schema } },
              })),
            }
          : {}),
      },
    },
  };
}
