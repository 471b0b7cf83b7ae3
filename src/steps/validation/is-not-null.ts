import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, MESSAGE, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

/** `<validation:is-not-null value>`: fails with VALIDATION:NULL when the value is null or missing. */
export const isNotNull: StepType = {
  element: 'validation:is-not-null',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', required: true, doc: 'The value to test.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that the value is not null; raises VALIDATION:NULL otherwise.',
  },
  throws: [VALIDATION.NULL],
  build(node) {
    const value = node.value('value');
    if (!value) return undefined;
    return validator(node, VALIDATION.NULL, async (event) => (((await value.evaluate(event)) ?? null) === null ? 'value is null' : undefined));
  },
};
