import type { CodeDoc } from './code-doc.js';

/** Error types and error handlers: each code with what it means, a message it comes with and what to do. */
export const ERROR_HANDLING_CODES = {
  'invalid-error-type': {
    meaning: 'a written error type is not NAMESPACE:IDENTIFIER',
    example: '"APP NOT FOUND" is not an error type; write NAMESPACE:IDENTIFIER, e.g. APP:NOT_FOUND',
    fix: 'write it as NAMESPACE:IDENTIFIER',
  },
  'unknown-error-type': {
    meaning: 'an error type nobody defines or raises',
    example: 'there is no error type HTTP:NOT_FOUNDD; did you mean NOT_FOUND?',
    fix: 'fix the name; a custom type must be raised by a raise-error of the app',
  },
  'error-type-not-raisable': {
    meaning: "raise-error with a type of a module's namespace",
    example: 'cannot raise HTTP:NOT_FOUND: the HTTP namespace belongs to a module; raise a core MULE type or use a namespace of your own, e.g. APP:NOT_FOUND',
    fix: 'raise a type of your own namespace (APP:…)',
  },
  'critical-error-type': {
    meaning: 'a critical error type named in a handler or a raise-error',
    example: 'MULE:OVERLOAD is a critical error and cannot be handled',
    fix: 'handle or raise a non-critical type',
  },
  'unimplemented-error-type': {
    meaning: 'a handler for an error type of a Mule module flowrt does not implement (warning): it never matches',
    example: 'DB:CONNECTIVITY belongs to a Mule module flowrt does not implement yet; this handler never matches',
    fix: 'remove the handler, or keep it for when the app runs on Mule',
  },
  'error-handler-not-allowed': {
    meaning: 'an error-handler where none may stand (a sub-flow, a step without one)',
    example: 'a sub-flow cannot have an error-handler: its errors go to the caller',
    fix: 'wrap the steps in <try> and handle their errors there',
  },
  'duplicate-error-handler': {
    meaning: 'a scope with more than one error-handler',
    example: '<flow> may have one error-handler',
    fix: 'merge them into one',
  },
  'error-handler-not-last': {
    meaning: 'an error-handler that is not the last element of its scope',
    example: 'error-handler must be the last element of its scope',
    fix: 'move it to the end of the scope',
  },
  'error-handler-ref-with-children': {
    meaning: 'an error-handler with ref that has on-error elements of its own',
    example: 'an error-handler with ref may not contain on-error elements of its own',
    fix: 'remove the ref or the on-error elements',
  },
  'unreachable-on-error': {
    meaning: 'an on-error that can never run because a catch-all before it takes every error',
    example: 'only the last on-error of an error-handler may omit both type and when: the ones after it could never run',
    fix: 'give the catch-all a type or a when, or move it last',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
