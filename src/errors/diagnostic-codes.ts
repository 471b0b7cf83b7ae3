import type { CodeDoc } from './diagnostic-codes/code-doc.js';
import { FILE_CODES } from './diagnostic-codes/files.js';
import { PROPERTY_CODES } from './diagnostic-codes/properties.js';
import { ELEMENT_CODES } from './diagnostic-codes/elements.js';
import { EXPRESSION_CODES } from './diagnostic-codes/expressions.js';
import { ERROR_HANDLING_CODES } from './diagnostic-codes/errors.js';
import { HTTP_CODES } from './diagnostic-codes/http.js';
import { TLS_CODES } from './diagnostic-codes/tls.js';
import { OAUTH2_CODES } from './diagnostic-codes/oauth2.js';
import { GATEWAY_CODES } from './diagnostic-codes/gateway.js';
import { QUEUE_CODES } from './diagnostic-codes/queues.js';
import { OBJECT_STORE_CODES } from './diagnostic-codes/object-store.js';
import { SCHEDULER_CODES } from './diagnostic-codes/schedulers.js';

export type { CodeDoc } from './diagnostic-codes/code-doc.js';

/**
 * Every code a {@link Diagnostic} may carry, by stage or module. Codes are stable: editors and CI
 * scripts match on them, so a code is renamed only on purpose. docs/diagnostics.md lists them all
 * (test/errors/diagnostics-doc.test.ts fails when the two differ).
 */
export const DIAGNOSTIC_GROUPS: readonly { readonly title: string; readonly codes: Readonly<Record<string, CodeDoc>> }[] = [
  { title: 'Flow files, imports and the files an app names', codes: FILE_CODES },
  { title: 'Properties and secure properties', codes: PROPERTY_CODES },
  { title: 'Elements, attributes and references', codes: ELEMENT_CODES },
  { title: 'Expressions, scripts, regular expressions and JSON schemas', codes: EXPRESSION_CODES },
  { title: 'Error types and error handlers', codes: ERROR_HANDLING_CODES },
  { title: 'HTTP listeners and requests', codes: HTTP_CODES },
  { title: 'TLS contexts, key stores and trust stores', codes: TLS_CODES },
  { title: 'The OAuth 2.0 provider', codes: OAUTH2_CODES },
  { title: 'API manager and autodiscovery', codes: GATEWAY_CODES },
  { title: 'VM queues', codes: QUEUE_CODES },
  { title: 'Object stores', codes: OBJECT_STORE_CODES },
  { title: 'Schedulers', codes: SCHEDULER_CODES },
];

/** The catalogue as one record, code → meaning, example, fix. */
export const DIAGNOSTIC_CODES = {
  ...FILE_CODES,
  ...PROPERTY_CODES,
  ...ELEMENT_CODES,
  ...EXPRESSION_CODES,
  ...ERROR_HANDLING_CODES,
  ...HTTP_CODES,
  ...TLS_CODES,
  ...OAUTH2_CODES,
  ...GATEWAY_CODES,
  ...QUEUE_CODES,
  ...OBJECT_STORE_CODES,
  ...SCHEDULER_CODES,
};

/**
 * A diagnostic code: a closed union, so a typo in `error('dangling-reff', …)` does not compile and
 * a `switch` on `d.code` narrows.
 *
 * @example
 * ```ts
 * if (d.code === 'listener-port-out-of-range') suggestPort(d);
 * ```
 */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** True for a code of the catalogue (an own key: "constructor" is not a code). */
export function isDiagnosticCode(x: unknown): x is DiagnosticCode {
  return typeof x === 'string' && Object.hasOwn(DIAGNOSTIC_CODES, x);
}
