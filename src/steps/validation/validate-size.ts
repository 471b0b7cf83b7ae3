import { VALIDATION } from '../../errors/catalog/index.js';
import type { Value } from '../../expr/value.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, kindOf, MESSAGE, shown, validator, wrongType } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:validate-size';

/**
 * `<validation:validate-size value min max>`: fails with VALIDATION:INVALID_SIZE unless the size
 * of a string (characters), an array (items), an object (keys) or bytes is within min..max, both
 * inclusive.
 */
export const validateSize: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', required: true, doc: 'A string, array, object or bytes.' },
      min: { kind: 'expression-supported', type: 'integer', default: '0', doc: 'The smallest size allowed.' },
      max: { kind: 'expression-supported', type: 'integer', doc: 'The largest size allowed; no limit when absent.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that the size of a string, array or object is within bounds; raises VALIDATION:INVALID_SIZE otherwise.',
  },
  throws: [VALIDATION.INVALID_SIZE],
  build(node) {
    const value = node.value('value');
    const min = node.value('min');
    const max = node.value('max');
    if (!value || !min) return undefined;
    return validator(node, VALIDATION.INVALID_SIZE, async (event) => {
      const v = await value.evaluate(event);
      const size = sizeOf(v);
      // Mule fails such a value with an IllegalArgumentException (MULE:UNKNOWN); a missing field is
      // invalid input, so flowrt reports it as the size failure it is.
      if (size === undefined) return v === undefined || v === null ? 'Cannot check size of a null value' : `Cannot check size of ${kindOf(v)}`;
      const low = await bound(min, 'min', event);
      if (low !== undefined && size < low) {
        return `value ${shown(v)} was expected to have a length of at least ${shown(low)} characters but it only has ${shown(size)}`;
      }
      const high = max ? await bound(max, 'max', event) : undefined;
      if (high !== undefined && size > high) {
        return `value ${shown(v)} was expected to have a length of at most ${shown(high)} characters but it has ${shown(size)}`;
      }
      return undefined;
    });
  },
};

function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

/** A min or max: a whole number, or nothing (no bound) when an expression gives null. */
async function bound(value: Value, attr: string, event: FlowEvent): Promise<number | undefined> {
  const v = await value.evaluate(event);
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw wrongType(attr, value, ELEMENT, v, 'a whole number');
  return n;
}
