/**
 * Elements of Mule modules flowrt implements only in part, so that an element it lacks is
 * reported as "not supported yet" and not as a typo of one it has (is-url is no is-null).
 */
export const MULE_MODULE_ELEMENTS: Readonly<Record<string, ReadonlySet<string>>> = {
  http: new Set([
    'load-static-resource', 'basic-security-filter', 'listener-interceptors', 'cors-interceptor', 'request-connection-provider',
    'proxy', 'ntlm-proxy', 'digest-authentication', 'ntlm-authentication', 'client-socket-properties', 'cookie-config',
  ]),
  validation: new Set([
    'is-url', 'is-ip', 'is-time', 'is-elapsed', 'is-not-elapsed', 'is-allowed-ip', 'is-not-denied-ip', 'all', 'any',
    'custom-validator', 'is-empty', 'is-not-empty',
  ]),
  json: new Set(['validate-schema-redirects', 'schema-redirects']),
  ee: new Set(['cache', 'object-store-caching-strategy', 'dynamic-evaluate', 'set-property', 'remove-property']),
  oauth: new Set(['authorization-code-grant-type', 'token-manager-config', 'invalidate-oauth-context', 'retrieve-access-token']),
  tls: new Set(['revocation-check', 'standard-revocation-check', 'custom-ocsp-responder', 'crl-file']),
};
