import type { ErrorType } from '../error-type.js';
import { FLOWRT } from './flowrt.js';
import { HTTP } from './http.js';
import { JSON_ERRORS } from './json.js';
import { MULE } from './mule.js';
import { OAUTH } from './oauth.js';
import { OAUTH2_PROVIDER } from './oauth2-provider.js';
import { OS } from './os.js';
import { VALIDATION } from './validation.js';
import { VM } from './vm.js';

export { FLOWRT } from './flowrt.js';
export { HTTP } from './http.js';
export { JSON_ERRORS } from './json.js';
export { MULE, UNHANDLEABLE } from './mule.js';
export { OAUTH } from './oauth.js';
export { OAUTH2_PROVIDER } from './oauth2-provider.js';
export { OS } from './os.js';
export { VALIDATION } from './validation.js';
export { VM } from './vm.js';

/** Every namespace a module owns. Flows may not raise errors of these, except MULE. */
export const CATALOG: ReadonlyMap<string, Readonly<Record<string, ErrorType>>> = new Map<string, Readonly<Record<string, ErrorType>>>([
  ['MULE', MULE],
  ['HTTP', HTTP],
  ['OAUTH', OAUTH],
  ['OAUTH2-PROVIDER', OAUTH2_PROVIDER],
  ['VALIDATION', VALIDATION],
  ['JSON', JSON_ERRORS],
  ['FLOWRT', FLOWRT],
  ['VM', VM],
  ['OS', OS],
]);

/**
 * Namespaces of Mule modules flowrt does not implement yet. Their error types cannot be
 * checked, and a custom error may not reuse them (Mule reserves a module's namespace).
 */
export const RESERVED_NAMESPACES = new Set([
  'APIKIT',
  'DB',
  'FILE',
  'FTP',
  'SFTP',
  'JMS',
  'EMAIL',
  'SOCKETS',
  'SALESFORCE',
  'WSC',
  'XML-MODULE',
  'SCRIPTING',
  'JAVA',
  'ANYPOINT-MQ',
  'KAFKA',
  'TLS',
  'SECURE-PROPERTIES',
  'BATCH',
  'COMPRESSION',
  'SCHEDULER',
]);
