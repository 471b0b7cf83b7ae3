import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, MESSAGE, validator, wrongType } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:is-not-empty-collection';

/** `<validation:is-not-empty-collection values>`: fails with VALIDATION:EMPTY_COLLECTION when the array is empty or null. */
export const isNotEmptyCollection: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      values: { kind: 'expression-supported', default: '#[payload]', doc: 'The array to test (default: the payload).' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that an array has at least one item; raises VALIDATION:EMPTY_COLLECTION otherwise.',
  },
  throws: [VALIDATION.EMPTY_COLLECTION],
  build(node) {
    const values = node.value('values');
    if (!values) return undefined;
    return validator(node, VALIDATION.EMPTY_COLLECTION, async (event) => {
      const v = await values.evaluate(event);
      if (v === undefined || v === null) return 'value is null';
      if (!Array.isArray(v)) throw wrongType('values', values, ELEMENT, v, 'an array');
      return v.length === 0 ? 'Collection is empty' : undefined;
    });
  },
};
