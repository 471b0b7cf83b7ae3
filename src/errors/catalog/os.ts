import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * Errors of Mule's Object Store connector (its ObjectStoreErrors enum), which declares no parents:
 * each is directly under MULE:ANY. STORE_NOT_AVAILABLE is what a store that cannot be reached
 * (Redis down) raises, within seconds, never a wait without end.
 */
export const OS = defineNamespace('OS', [
  ['KEY_ALREADY_EXISTS', MULE.ANY],
  ['INVALID_KEY', MULE.ANY],
  ['NULL_VALUE', MULE.ANY],
  ['KEY_NOT_FOUND', MULE.ANY],
  ['STORE_NOT_AVAILABLE', MULE.ANY],
] as const);
