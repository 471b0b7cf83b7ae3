import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * Errors of Mule's OAuth2 Provider module operations. A token that does not pass validate-token
 * is a server-side security failure (the resource refuses the caller), so MULE:SECURITY
 * handlers catch it as they would in Mule.
 *
 * STORE_UNAVAILABLE is flowrt's: the provider's store (Redis) cannot be reached, so nothing was
 * checked; a flow maps it to 503 (docs/oauth2-provider.md). It is neither a security error (the
 * caller did nothing wrong: a 401 would make it drop a good token) nor a MULE:CONNECTIVITY one, so
 * that an on-error-continue meant for a failing backend cannot turn an unchecked token into a 200.
 */
export const OAUTH2_PROVIDER = defineNamespace('OAUTH2-PROVIDER', [
  ['TOKEN_UNAUTHORIZED', MULE.SERVER_SECURITY],
  ['CLIENT_ALREADY_EXISTS', MULE.ANY],
  ['INVALID_CONFIGURATION', MULE.ANY],
  ['NO_SUCH_CLIENT', MULE.ANY],
  ['STORE_UNAVAILABLE', MULE.ANY],
] as const);
