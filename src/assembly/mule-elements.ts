/**
 * Mule 4 elements flowrt does not implement yet, by namespace prefix ('core' for Mule's core), so
 * that an element it lacks is reported as "not supported yet", not as unknown nor as a typo of one
 * it has (is-url is no is-null).
 */
const LACKED: Readonly<Record<string, ReadonlySet<string>>> = {
  core: new Set([
    'idempotent-message-validator',
    'parse-template',
    'collection-splitter',
    'splitter',
    'aggregator',
    'invalid-message-validator',
    'object',
    'security-manager',
    'notifications',
    'dynamic-config-expiration',
    'expiration-policy',
    'redelivery-policy',
    'reconnection',
    'reconnect',
    'reconnect-forever',
    'custom-processor',
    'set-property',
    'remove-property',
    'set-session-variable',
    'object-to-string-transformer',
    'processor-chain',
    'simple-flow',
    'message-filter',
    'outbound-endpoint',
    'queued-asynchronous-processing-strategy',
    'configuration-properties-provider',
    'secure-properties',
  ]),
  http: new Set([
    'load-static-resource',
    'basic-security-filter',
    'listener-interceptors',
    'cors-interceptor',
    'request-connection-provider',
    'proxy',
    'ntlm-proxy',
    'digest-authentication',
    'ntlm-authentication',
    'client-socket-properties',
    'cookie-config',
  ]),
  validation: new Set([
    'is-url',
    'is-ip',
    'is-time',
    'is-elapsed',
    'is-not-elapsed',
    'is-allowed-ip',
    'is-not-denied-ip',
    'all',
    'any',
    'custom-validator',
    'is-empty',
    'is-not-empty',
  ]),
  json: new Set(['validate-schema-redirects', 'schema-redirects']),
  ee: new Set(['cache', 'object-store-caching-strategy', 'dynamic-evaluate', 'set-property', 'remove-property']),
  oauth: new Set(['authorization-code-grant-type', 'token-manager-config', 'invalidate-oauth-context', 'retrieve-access-token']),
  tls: new Set(['revocation-check', 'standard-revocation-check', 'custom-ocsp-responder', 'crl-file']),
};

/** The Mule module an element flowrt lacks belongs to ('core' for Mule's core), if it is one of those listed. */
export function lackedMuleModule(el: { readonly ns: string; readonly local: string }): string | undefined {
  return LACKED[el.ns]?.has(el.local) ? el.ns : undefined;
}

/** "not supported by flowrt yet", naming the module. */
export function lackedMessage(key: string, module: string): string {
  return module === 'core'
    ? `<${key}> is a Mule core element that flowrt does not support yet`
    : `<${key}> belongs to Mule's ${module} module, which flowrt supports only in part: not this element yet`;
}
