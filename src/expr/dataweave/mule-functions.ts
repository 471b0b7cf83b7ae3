import type { ErrorTypeValue } from '../../errors/error-type.js';
import { current } from './context.js';
import { defineFunction, overload } from './library/define.js';
import type { FunctionTable } from './library/define.js';
import { field, isObject } from './values/model.js';
import type { DwValue } from './values/model.js';

/**
 * The functions Mule adds to DataWeave (module `dw::Mule`, imported into every script):
 * `p('key')`, `lookup(flowName, payload)`, `causedBy(error, 'HTTP:NOT_FOUND')`.
 */
export const MULE_FUNCTIONS: FunctionTable = {
  p: defineFunction('p', [overload('String', (name: string) => current().property(name) ?? null)]),
  lookup: defineFunction('lookup', [overload('String, Any, Number?', (flowName: string, payload: DwValue) => current().lookup(flowName, payload ?? null))]),
  causedBy: defineFunction('causedBy', [
    overload('Object, String', (error: DwValue, type: string) => causedBy(error, type)),
    overload('Null, String', () => false),
  ]),
};

/** True when the error's type is `type` or descends from it. */
function causedBy(error: DwValue, type: string): boolean {
  if (!isObject(error)) return false;
  const [ns, id] = type.includes(':') ? type.toUpperCase().split(':', 2) : ['MULE', type.toUpperCase()];
  let t = field(error, 'errorType') as unknown as ErrorTypeValue | null | undefined;
  for (; t; t = t.parentErrorType) {
    if (t.namespace === ns && (t.identifier === id || id === 'ANY')) return true;
  }
  return false;
}
