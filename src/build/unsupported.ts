/**
 * Mule 4 core elements flowrt does not implement yet, so that a Mule user porting an app gets
 * "not supported yet" rather than "unknown element".
 */
export const UNSUPPORTED_CORE = new Set([
  'async',
  'scheduler', 'idempotent-message-validator', 'parse-template', 'collection-splitter',
  'splitter', 'aggregator', 'invalid-message-validator', 'object', 'security-manager', 'notifications',
  'dynamic-config-expiration', 'expiration-policy', 'redelivery-policy', 'reconnection', 'reconnect',
  'reconnect-forever', 'custom-processor', 'set-property', 'remove-property', 'set-session-variable',
  'object-to-string-transformer', 'processor-chain', 'simple-flow', 'message-filter', 'outbound-endpoint',
  'queued-asynchronous-processing-strategy', 'configuration-properties-provider', 'secure-properties',
]);
