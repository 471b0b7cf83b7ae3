import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * Errors of Mule's JSON module (its JsonError enum). Only SCHEMA_NOT_HONOURED has a parent,
 * MULE:VALIDATION; the others, declared without one, sit under MULE:ANY as every extension
 * error without a parent does. flowrt finds a missing or invalid schema at load, so
 * SCHEMA_NOT_FOUND and INVALID_SCHEMA are never raised; they exist so handlers may name them.
 */
export const JSON_ERRORS = defineNamespace('JSON', [
  ['INVALID_INPUT_JSON', MULE.ANY],
  ['SCHEMA_NOT_HONOURED', MULE.VALIDATION],
  ['SCHEMA_NOT_FOUND', MULE.ANY],
  ['INVALID_SCHEMA', MULE.ANY],
  ['SCHEMA_INPUT_ERROR', MULE.ANY],
] as const);
