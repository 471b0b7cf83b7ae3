import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * Errors of Mule's Validation module, as its ValidationErrorType enum declares them: every type
 * under VALIDATION:VALIDATION, which is under MULE:VALIDATION, so `type="MULE:VALIDATION"` catches
 * them all. The names say what was found: is-not-null fails with NULL, is-null with NOT_NULL.
 * Types of operations flowrt lacks (is-url, is-ip, is-time …) are listed so handlers may name them.
 */
export const VALIDATION = defineNamespace('VALIDATION', [
  ['VALIDATION', MULE.VALIDATION],
  ['INVALID_IP', 'VALIDATION'],
  ['REJECTED_IP', 'VALIDATION'],
  ['INVALID_BOOLEAN', 'VALIDATION'],
  ['INVALID_EMAIL', 'VALIDATION'],
  ['NOT_EMPTY_COLLECTION', 'VALIDATION'],
  ['EMPTY_COLLECTION', 'VALIDATION'],
  ['BLANK_STRING', 'VALIDATION'],
  ['NOT_BLANK_STRING', 'VALIDATION'],
  ['NULL', 'VALIDATION'],
  ['NOT_NULL', 'VALIDATION'],
  ['MISMATCH', 'VALIDATION'],
  ['INVALID_NUMBER', 'VALIDATION'],
  ['INVALID_SIZE', 'VALIDATION'],
  ['INVALID_TIME', 'VALIDATION'],
  ['INVALID_URL', 'VALIDATION'],
  ['ELAPSED_TIME', 'VALIDATION'],
  ['NOT_ELAPSED_TIME', 'VALIDATION'],
  ['MULTIPLE', 'VALIDATION'],
] as const);
