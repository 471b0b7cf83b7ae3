import type { ErrorTypeValue } from '../../errors/error-type.js';
import { causedBy } from '../functions.js';
import { toJava } from './output.js';
import { current } from './context.js';
import { defineFunction, overload } from './library/define.js';
import type { FunctionTable } from './library/define.js';
import type { DwValue } from './values/model.js';

/**
 * The functions Mule adds to DataWeave (module `dw::Mule`, imported into every script):
 * `p('key')`, `lookup(flowName, payload)`, `causedBy(error, 'HTTP:NOT_FOUND')`.
 */
export const MULE_FUNCTIONS: FunctionTable = {
  p: defineFunction('p', [overload('String', (name: string) => current().property(name) ?? null)]),
  lookup: defineFunction('lookup', [overload('String, Any, Number?', (flowName: string, payload: DwValue) => current().lookup(flowName, payload ?? null))]),
  causedBy: defineFunction('causedBy', [
    overload('Object, String', (error: DwValue, type: string) => causedBy(toJava(error) as { errorType?: ErrorTypeValue }, type)),
    overload('Null, String', () => false),
  ]),
};
