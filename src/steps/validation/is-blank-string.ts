import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, asString, isBlank, MESSAGE, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:is-blank-string';

/** `<validation:is-blank-string value>`: fails with VALIDATION:NOT_BLANK_STRING when the text has a non-space character; null passes. */
export const isBlankString: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', required: true, doc: 'The text to test.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that a string is empty, only whitespace, or null; raises VALIDATION:NOT_BLANK_STRING otherwise.',
  },
  throws: [VALIDATION.NOT_BLANK_STRING],
  build(node) {
    const value = node.value('value');
    if (!value) return undefined;
    return validator(node, VALIDATION.NOT_BLANK_STRING, async (event) => {
      const text = asString(await value.evaluate(event), 'value', value, ELEMENT);
      return text === null || isBlank(text) ? undefined : 'String is not blank';
    });
  },
};
