import { defineNamespace } from '../error-type.js';
import { HTTP } from './http.js';

/** Errors of Mule's OAuth module when it fetches tokens for `http:request` (its OAuthClientErrors). */
export const OAUTH = defineNamespace('OAUTH', [
  ['OAUTH_CLIENT_SECURITY', HTTP.CLIENT_SECURITY],
  ['TOKEN_NOT_FOUND', 'OAUTH_CLIENT_SECURITY'],
  ['TOKEN_URL_FAIL', 'OAUTH_CLIENT_SECURITY'],
] as const);
