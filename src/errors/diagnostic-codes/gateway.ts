import type { CodeDoc } from './code-doc.js';

/** API manager and autodiscovery: each code with what it means, a message it comes with and what to do. */
export const GATEWAY_CODES = {
  'invalid-api-manager': {
    meaning: 'api-manager.yaml does not match its schema',
    example: 'apis[0].policies[1].config.maxRequests must be a whole number',
    fix: 'fix the entry the location points to (schemas/api-manager.schema.json)',
  },
  'unreadable-api-manager': {
    meaning: "the API manager's document cannot be read",
    example: 'redis://localhost:6379 cannot be read: connect ECONNREFUSED',
    fix: "make the store reachable, or fix the file's permissions",
  },
  'unknown-api': {
    meaning: 'a flow is bound to an API the API manager does not list (warning); its requests answer 503',
    example: 'API 1234 is bound by <api-gateway:autodiscovery> but the API manager has no entry for it: its requests will answer 503',
    fix: 'add the API to api-manager.yaml, or fix apiId',
  },
  'duplicate-api': {
    meaning: 'api-manager.yaml lists an apiId twice',
    example: 'apiId 1234 is listed twice',
    fix: 'merge the two entries',
  },
  'duplicate-policy': {
    meaning: 'an API applies the same policy twice under one name',
    example: 'API 1234 applies "rate-limiting" twice; give one a different name',
    fix: 'give each a distinct name',
  },
  'invalid-policy': {
    meaning: "a policy's configuration passed the schema but cannot work",
    example: 'API 1234, policy "ip-filter": "10.0.0.300" is not an IP address or CIDR range',
    fix: 'fix the configuration the message names',
  },
  'unknown-client-provider': {
    meaning: 'a policy or API names a client provider that is not defined',
    example: 'client provider "okta" is not defined under clientProviders (keycloak)',
    fix: 'define it under clientProviders, or fix the name',
  },
  'duplicate-client-provider': {
    meaning: 'a client provider is defined twice',
    example: 'client provider okta is defined twice',
    fix: 'keep one definition',
  },
  'duplicate-client-id': {
    meaning: 'two applications share a client id',
    example: 'client id abc belongs to two applications',
    fix: 'give each application its own client id',
  },
  'duplicate-binding': {
    meaning: 'a flow is bound to two APIs',
    example: 'flow "orders" is already bound to API 1234',
    fix: 'bind each flow to one API',
  },
  'ungoverned-flow': {
    meaning: 'autodiscovery binds a flow that has no http:listener to govern',
    example: 'flow "nightly" has no http:listener for API 1234 to govern',
    fix: 'bind a flow that starts with an <http:listener>',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
