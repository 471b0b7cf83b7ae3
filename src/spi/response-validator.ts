import { DEFAULT_SUCCESS, parseStatusRanges } from '../http/client/status.js';
import type { StatusRanges } from '../http/client/status.js';
import type { ComponentNode } from './component.js';
import type { ChildSpec } from './spec.js';

const validator = { attributes: { values: { kind: 'literal' as const, required: true, expressionInMule: true } } };

/** `<http:response-validator>`, on an `http:request` or, as the default of its requests, an `http:request-config`. */
export const RESPONSE_VALIDATOR: ChildSpec = {
  attributes: {},
  children: { 'http:success-status-code-validator': validator, 'http:failure-status-code-validator': validator },
};

/** Which statuses pass: the success ranges, or the failure ranges when `failureRanges`. */
export interface StatusValidator {
  readonly ranges: StatusRanges;
  readonly failureRanges: boolean;
}

/** Mule's default when no validator is written: 200-299 succeed. */
export const DEFAULT_VALIDATOR: StatusValidator = { ranges: DEFAULT_SUCCESS, failureRanges: false };

/** The validator a `<http:response-validator>` describes (Mule's default when empty); undefined when reported broken. */
export function statusValidator(v: ComponentNode): StatusValidator | undefined {
  const success = v.child('http:success-status-code-validator');
  const failure = v.child('http:failure-status-code-validator');
  if (success && failure) return void v.error('conflicting-validators', 'an http:response-validator takes one validator');
  const chosen = success ?? failure;
  if (!chosen) return DEFAULT_VALIDATOR;
  const parsed = parseStatusRanges(chosen.literal('values')!);
  if (typeof parsed === 'string')
    return void chosen.error('invalid-status-codes', `values: ${parsed}`, undefined, chosen.element.attrs.get('values')?.valueLoc);
  return { ranges: parsed, failureRanges: Boolean(failure) };
}
