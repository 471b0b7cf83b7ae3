import type { ErrorType } from '../error-type.js';
import { HTTP } from './http.js';
import { MULE } from './mule.js';

export { HTTP } from './http.js';
export { MULE, UNHANDLEABLE } from './mule.js';

/** Every namespace a module owns. Flows may not raise errors of these, except MULE. */
export const CATALOG: ReadonlyMap<string, Readonly<Record<string, ErrorType>>> = new Map<string, Readonly<Record<string, ErrorType>>>([
  ['MULE', MULE],
  ['HTTP', HTTP],
]);

/**
 * Namespaces of Mule modules flowrt does not implement yet. Their error types cannot be
 * checked, and a custom error may not reuse them (Mule reserves a module's namespace).
 */
export const RESERVED_NAMESPACES = new Set([
  'APIKIT', 'DB', 'FILE', 'FTP', 'SFTP', 'JMS', 'VM', 'EMAIL', 'SOCKETS', 'OS', 'SALESFORCE',
  'WSC', 'XML-MODULE', 'JSON', 'SCRIPTING', 'JAVA', 'OAUTH', 'OAUTH2-PROVIDER', 'VALIDATION',
  'ANYPOINT-MQ', 'KAFKA', 'TLS', 'SECURE-PROPERTIES', 'BATCH', 'COMPRESSION', 'SCHEDULER',
]);
