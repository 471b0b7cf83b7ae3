import { FlowError } from '../errors/flow-error.js';
import { toText } from '../expr/value.js';
import type { StepType } from '../spi/component.js';

/** `<raise-error type description>`: a core MULE type or a custom `NAMESPACE:IDENTIFIER`. */
export const raiseError: StepType = {
  element: 'raise-error',
  spec: {
    attributes: {
      type: { kind: 'literal', required: true },
      description: { kind: 'expression-supported' },
    },
  },
  build(node) {
    const written = node.literal('type');
    if (!written) return undefined;
    const type = node.errorType(written, 'raise', node.element.attrs.get('type')?.valueLoc);
    const description = node.value('description');
    if (!type) return undefined;
    return {
      location: node.location,
      async process(event) {
        const text = description ? toText(await description.evaluate(event)) : '';
        throw new FlowError(type, text || `${type.id} raised`);
      },
    };
  },
};
