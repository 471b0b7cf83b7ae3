import type { CodeDoc } from './code-doc.js';

/** The OAuth 2.0 provider: each code with what it means, a message it comes with and what to do. */
export const OAUTH2_CODES = {
  'unknown-grant-type': {
    meaning: 'a grant type flowrt does not know, or the IMPLICIT grant it refuses',
    example: '"CLIENT_CREDENTIAL" is not a grant type: use AUTHORIZATION_CODE, CLIENT_CREDENTIALS …',
    fix: 'use one of the listed grants; for IMPLICIT, AUTHORIZATION_CODE with PKCE',
  },
  'grant-type-not-supported': {
    meaning: "a client may use a grant the provider's supportedGrantTypes do not include (warning)",
    example: "client web may use CLIENT_CREDENTIALS, which the provider's supportedGrantTypes do not include",
    fix: 'add the grant to supportedGrantTypes, or remove it from the client',
  },
  'invalid-redirect-uri': {
    meaning: 'a client redirect URI RFC 6749 §3.1.2 or the security BCP forbids (relative, with a fragment, plain http off loopback …)',
    example: '"/callback" is not an absolute URI (RFC 6749 §3.1.2)',
    fix: 'write an absolute URI, e.g. https://app.example.com/callback',
  },
  'unknown-scope': {
    meaning: "a scope the provider's scopes do not list (an error for a client or defaultScopes, a warning for validate-token)",
    example: 'client web has scope "admin", which the provider\'s scopes do not list',
    fix: "add the scope to the provider's scopes, or fix the name",
  },
  'confidential-client-without-secret': {
    meaning: 'a CONFIDENTIAL client without a secret',
    example: 'client web is CONFIDENTIAL and needs a secret',
    fix: 'add secret="…", or make it type="PUBLIC" (then it must use PKCE)',
  },
  'public-client-with-secret': {
    meaning: 'a PUBLIC client with a secret',
    example: 'client spa is PUBLIC and cannot have a secret',
    fix: 'remove the secret, or make it CONFIDENTIAL',
  },
  'duplicate-client': {
    meaning: 'a client id defined twice in one provider',
    example: 'client web is defined twice',
    fix: 'keep one definition',
  },
  'missing-resource-owner-provider': {
    meaning: 'grants that sign resource owners in, without resourceOwnerSecurityProvider',
    example: 'the AUTHORIZATION_CODE and RESOURCE_OWNER_PASSWORD_CREDENTIALS grants sign resource owners in, but resourceOwnerSecurityProvider is not set',
    fix: 'name a flow that authenticates, or a YAML users file',
  },
  'unknown-resource-owner-provider': {
    meaning: 'resourceOwnerSecurityProvider names neither a flow nor a file of the app',
    example: 'resourceOwnerSecurityProvider "users" is neither a flow of the app nor a users file of it',
    fix: 'name a flow that authenticates, or a YAML users file relative to the app folder',
  },
  'invalid-users-file': {
    meaning: 'a users file not of the shape users: [{ username, password, roles }]',
    example: 'users.yaml must list its users under "users"',
    fix: 'follow the shape the hint shows',
  },
  'unhashed-password': {
    meaning: 'a users file with a plaintext password',
    example: 'the password of user alice is not hashed: users files keep scrypt hashes, never passwords',
    fix: 'run `flowrt hash-password` and put the scrypt$… line it prints in place of the password',
  },
  'empty-users-file': {
    meaning: 'a users file without users (warning): nobody can sign in',
    example: 'users.yaml lists no users: nobody can sign in',
    fix: 'add users',
  },
  'invalid-signing-key': {
    meaning: 'signingKey cannot sign access tokens',
    example: 'signingKey keys/token.pem cannot sign access tokens: not a private key',
    fix: 'generate one with openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256, or leave signingKey out',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
