import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { EventLike } from './scope.js';
import type { Value } from './value.js';

/**
 * A condition (`when expression`, on-error `when`). As in Mule, the result must be a boolean;
 * `"true"`/`"false"` strings coerce, nothing and null read as false, anything else is an error.
 */
export function condition(value: Value): (event: EventLike) => Promise<boolean> {
  return async (event) => {
    const result = await value.evaluate(event);
    if (result === true || result === false) return result;
    if (result === undefined || result === null) return false;
    if (result === 'true') return true;
    if (result === 'false') return false;
    throw new FlowError(MULE.EXPRESSION, `condition "${value.source}" returned ${JSON.stringify(result)}, not a boolean`);
  };
}
