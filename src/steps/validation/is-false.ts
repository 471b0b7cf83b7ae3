import { VALIDATION } from '../../errors/catalog/index.js';
import { condition } from '../../expr/boolean.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, MESSAGE, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

/**
 * `<validation:is-false expression>`: fails with VALIDATION:INVALID_BOOLEAN unless the expression
 * is false. It reads as a condition does: "true"/"false" strings coerce, null is false.
 */
export const isFalse: StepType = {
  element: 'validation:is-false',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      expression: { kind: 'expression-supported', required: true, type: 'boolean', doc: 'The boolean to test.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that the expression is false; raises VALIDATION:INVALID_BOOLEAN otherwise.',
  },
  throws: [VALIDATION.INVALID_BOOLEAN],
  build(node) {
    const expression = node.value('expression');
    if (!expression) return undefined;
    const test = condition(expression);
    return validator(node, VALIDATION.INVALID_BOOLEAN, async (event) =>
      (await test(event)) ? 'Value was expected to be false but it was true instead' : undefined,
    );
  },
};
