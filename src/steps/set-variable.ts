import { readAs, withCharset } from '../runtime/media-type.js';
import type { StepType } from '../spi/component.js';

/** `<set-variable variableName value mimeType encoding>`. */
export const setVariable: StepType = {
  element: 'set-variable',
  spec: {
    attributes: {
      variableName: { kind: 'literal', required: true },
      value: { kind: 'expression-supported', required: true },
      mimeType: { kind: 'literal' },
      encoding: { kind: 'literal' },
    },
  },
  build(node) {
    const name = node.literal('variableName');
    const value = node.value('value');
    if (!name || !value) return undefined;
    const mediaType = withCharset(node.literal('mimeType'), node.literal('encoding'));
    return {
      location: node.location,
      async process(event) {
        return event.withVar(name, readAs(await value.evaluate(event), mediaType));
      },
    };
  },
};
