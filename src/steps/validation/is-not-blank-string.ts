import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, asString, isBlank, MESSAGE, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:is-not-blank-string';

/** `<validation:is-not-blank-string value>`: fails with VALIDATION:BLANK_STRING when the text is null, empty or only whitespace. */
export const isNotBlankString: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', default: '#[payload]', doc: 'The text to test (default: the payload).' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that a string has a non-whitespace character; raises VALIDATION:BLANK_STRING otherwise.',
  },
  throws: [VALIDATION.BLANK_STRING],
  build(node) {
    const value = node.value('value');
    if (!value) return undefined;
    return validator(node, VALIDATION.BLANK_STRING, async (event) => {
      const text = asString(await value.evaluate(event), 'value', value, ELEMENT);
      if (text === null) return 'value is null';
      return isBlank(text) ? 'String is blank' : undefined;
    });
  },
};
