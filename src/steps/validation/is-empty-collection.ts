import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, MESSAGE, validator, wrongType } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:is-empty-collection';

/** `<validation:is-empty-collection values>`: fails with VALIDATION:NOT_EMPTY_COLLECTION when the array has items; null passes. */
export const isEmptyCollection: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      values: { kind: 'expression-supported', default: '#[payload]', doc: 'The array to test (default: the payload).' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that an array is empty (or null); raises VALIDATION:NOT_EMPTY_COLLECTION otherwise.',
  },
  throws: [VALIDATION.NOT_EMPTY_COLLECTION],
  build(node) {
    const values = node.value('values');
    if (!values) return undefined;
    return validator(node, VALIDATION.NOT_EMPTY_COLLECTION, async (event) => {
      const v = await values.evaluate(event);
      if (v === undefined || v === null) return undefined;
      if (!Array.isArray(v)) throw wrongType('values', values, ELEMENT, v, 'an array');
      return v.length === 0 ? undefined : 'Collection is not empty';
    });
  },
};
