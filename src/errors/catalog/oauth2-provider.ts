import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * Errors of Mule's OAuth2 Provider module operations. A token that does not pass validate-token
 * is a server-side security failure (the resource refuses the caller), so MULE:SECURITY
 * handlers catch it as they would in Mule.
 */
export const OAUTH2_PROVIDER = defineNamespace('OAUTH2-PROVIDER', [
  ['TOKEN_UNAUTHORIZED', MULE.SERVER_SECURITY],
  ['CLIENT_ALREADY_EXISTS', MULE.ANY],
  ['INVALID_CONFIGURATION', MULE.ANY],
  ['NO_SUCH_CLIENT', MULE.ANY],
] as const);
