import type { ChildSpec, ElementSpec } from '../../spi/spec.js';
import { EXPIRATION_POLICY, TIME_UNITS } from '../../spi/mule-parameters.js';

const listChild = (item: string): ChildSpec => ({
  attributes: {},
  children: { [item]: { attributes: { value: { kind: 'literal', required: true } }, max: Infinity } },
});
const storeRef = { kind: 'literal' as const, doc: 'Mule object store name: flowrt keeps this data in the runtime store (memory, or Redis with --redis)' };

/** `<oauth2-provider:client>`: Mule's attributes and list children (each list also as a comma-separated attribute). */
export const clientSpec: ChildSpec = {
  max: Infinity,
  attributes: {
    clientId: { kind: 'literal', required: true },
    secret: { kind: 'literal' },
    clientName: { kind: 'literal' },
    description: { kind: 'literal' },
    principal: { kind: 'literal' },
    type: { kind: 'literal', default: 'CONFIDENTIAL', values: ['CONFIDENTIAL', 'PUBLIC'] },
    redirectUris: { kind: 'literal' },
    authorizedGrantTypes: { kind: 'literal' },
    scopes: { kind: 'literal' },
  },
  children: {
    'oauth2-provider:client-redirect-uris': listChild('oauth2-provider:client-redirect-uri'),
    'oauth2-provider:client-authorized-grant-types': listChild('oauth2-provider:client-authorized-grant-type'),
    'oauth2-provider:client-scopes': listChild('oauth2-provider:client-scope'),
  },
};

/** `<oauth2-provider:config>` with Mule's attributes and children, plus flowrt's extras (marked). */
export const providerSpec: ElementSpec = {
  attributes: {
    name: { kind: 'literal', required: true },
    listenerConfig: { kind: 'literal', required: true, ref: 'http:listener-config' },
    providerName: { kind: 'literal' },
    supportedGrantTypes: { kind: 'literal', default: 'AUTHORIZATION_CODE' },
    scopes: { kind: 'literal' },
    defaultScopes: { kind: 'literal' },
    clientStore: storeRef,
    resourceOwnerSecurityProvider: { kind: 'literal', doc: 'flowrt: a users file (YAML) of the app, or the name of a flow that authenticates' },
    clientSecurityProvider: { kind: 'literal' },
    tokenGeneratorStrategy: { kind: 'literal' },
    issuer: { kind: 'literal', doc: 'flowrt: the exact issuer identifier; default http://<listener host>:<port><basePath>' },
    metadataPath: { kind: 'literal', default: '/.well-known/oauth-authorization-server', doc: 'flowrt' },
    introspectionPath: { kind: 'literal', default: '/introspect', doc: 'flowrt; empty turns it off' },
    revocationPath: { kind: 'literal', default: '/revoke', doc: 'flowrt; empty turns it off' },
    registrationPath: { kind: 'literal', default: '/register', doc: 'flowrt' },
    registrationAccessToken: { kind: 'literal', doc: 'flowrt: the initial access token RFC 7591 registration requires; without one registration is off' },
    maxRegisteredClients: {
      kind: 'literal',
      type: 'integer',
      default: '10000',
      doc: 'flowrt: clients RFC 7591 registration may create in all; past it registration answers 403 until clients are deleted',
    },
    registrationsPerMinute: {
      kind: 'literal',
      type: 'integer',
      default: '30',
      doc: 'flowrt: registrations accepted per minute by the provider as a whole; past it 429 with Retry-After',
    },
    jwksPath: { kind: 'literal', default: '/jwks', doc: 'flowrt' },
  },
  children: {
    'oauth2-provider:token-config': {
      attributes: {
        path: { kind: 'literal', default: '/token' },
        tokenTtl: { kind: 'literal', type: 'integer', default: '86400' },
        tokenTtlTimeUnit: { kind: 'literal', default: 'SECONDS', values: TIME_UNITS },
        tokenStore: storeRef,
        accessTokenFormat: { kind: 'literal', default: 'opaque', values: ['opaque', 'jwt'], doc: 'flowrt: jwt issues RFC 9068 access tokens' },
        signingKey: {
          kind: 'literal',
          doc: 'flowrt: a PEM private key file of the app for JWT access tokens; generated and kept in the token store when absent',
        },
        refreshTokenTtl: { kind: 'literal', type: 'integer', default: '2592000', doc: 'flowrt: seconds' },
      },
      children: {
        'oauth2-provider:refresh-token-strategy': {
          attributes: {},
          children: {
            'oauth2-provider:no-refresh-token': {
              attributes: {},
              notYet: { tokenGeneratorStrategy: 'it names a Java class; flowrt generates its own tokens' },
            },
            'oauth2-provider:single-refresh-token': { attributes: { objectStore: storeRef } },
            'oauth2-provider:multiple-refresh-tokens': { attributes: { objectStore: storeRef } },
          },
        },
      },
    },
    'oauth2-provider:authorization-config': {
      attributes: {
        path: { kind: 'literal', default: '/authorize' },
        loginPage: { kind: 'literal' },
        authorizationCodeStore: storeRef,
        authorizationCodeTtl: { kind: 'literal', type: 'integer', default: '600' },
        authorizationCodeTtlTimeUnit: { kind: 'literal', default: 'SECONDS', values: TIME_UNITS },
        codeTtl: { kind: 'literal', type: 'integer', doc: 'seconds; the same as authorizationCodeTtl' },
      },
    },
    'oauth2-provider:client-validation-rate-limiter': {
      attributes: {},
      children: {
        'oauth2-provider:period-rate-limiter': {
          attributes: {
            duration: { kind: 'literal', type: 'integer', default: '600' },
            durationTimeUnit: { kind: 'literal', default: 'SECONDS', values: TIME_UNITS },
            maximumFailureCount: { kind: 'literal', type: 'integer', default: '5' },
          },
        },
      },
    },
    'oauth2-provider:clients': { attributes: {}, children: { 'oauth2-provider:client': clientSpec } },
    'expiration-policy': EXPIRATION_POLICY,
  },
};
