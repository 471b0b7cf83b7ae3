import { defineNamespace } from '../error-type.js';

/**
 * Core runtime errors, with the hierarchy of Mule 4's default error type repository.
 * ANY is the root of every handleable error; CRITICAL and its children cannot be handled.
 */
export const MULE = defineNamespace('MULE', [
  ['ANY', null],
  ['CRITICAL', null],
  ['OVERLOAD', 'CRITICAL'],
  ['FLOW_BACK_PRESSURE', 'OVERLOAD'],
  ['FATAL_JVM_ERROR', 'CRITICAL'],
  ['UNKNOWN', 'ANY'],
  ['TRANSFORMATION', 'ANY'],
  ['EXPRESSION', 'ANY'],
  ['VALIDATION', 'ANY'],
  ['DUPLICATE_MESSAGE', 'VALIDATION'],
  ['REDELIVERY_EXHAUSTED', 'ANY'],
  ['CONNECTIVITY', 'ANY'],
  ['RETRY_EXHAUSTED', 'CONNECTIVITY'],
  ['ROUTING', 'ANY'],
  ['COMPOSITE_ROUTING', 'ROUTING'],
  ['SECURITY', 'ANY'],
  ['CLIENT_SECURITY', 'SECURITY'],
  ['SERVER_SECURITY', 'SECURITY'],
  ['NOT_PERMITTED', 'SERVER_SECURITY'],
  ['STREAM_MAXIMUM_SIZE_EXCEEDED', 'ANY'],
  ['TIMEOUT', 'ANY'],
  ['SOURCE', 'ANY'],
  ['SOURCE_RESPONSE', 'SOURCE'],
  ['SOURCE_RESPONSE_GENERATE', 'SOURCE_RESPONSE'],
  ['SOURCE_RESPONSE_SEND', 'SOURCE_RESPONSE'],
  ['SOURCE_ERROR_RESPONSE_GENERATE', 'SOURCE'],
  ['SOURCE_ERROR_RESPONSE_SEND', 'SOURCE'],
] as const);

/** Identifiers a flow may not name in a handler or raise: they cannot be handled. */
export const UNHANDLEABLE = new Set([
  MULE.CRITICAL,
  MULE.OVERLOAD,
  MULE.FLOW_BACK_PRESSURE,
  MULE.FATAL_JVM_ERROR,
  MULE.SOURCE_ERROR_RESPONSE_GENERATE,
  MULE.SOURCE_ERROR_RESPONSE_SEND,
]);
