import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, MESSAGE, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

/** `<validation:is-null value>`: fails with VALIDATION:NOT_NULL (what it found) unless the value is null or missing. */
export const isNull: StepType = {
  element: 'validation:is-null',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', required: true, doc: 'The value to test.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that the value is null; raises VALIDATION:NOT_NULL otherwise.',
  },
  throws: [VALIDATION.NOT_NULL],
  build(node) {
    const value = node.value('value');
    if (!value) return undefined;
    return validator(node, VALIDATION.NOT_NULL, async (event) =>
      ((await value.evaluate(event)) ?? null) === null ? undefined : 'value was expected to be null',
    );
  },
};
