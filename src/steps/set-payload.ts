import { readAs, withCharset } from '../runtime/media-type.js';
import type { StepType } from '../spi/component.js';

/** `<set-payload value mimeType encoding>`: replaces the payload; attributes are kept. */
export const setPayload: StepType = {
  element: 'set-payload',
  spec: {
    attributes: {
      value: { kind: 'expression-supported', required: true },
      mimeType: { kind: 'literal' },
      encoding: { kind: 'literal' },
    },
  },
  build(node) {
    const value = node.value('value');
    if (!value) return undefined;
    const mediaType = withCharset(node.literal('mimeType'), node.literal('encoding'));
    return {
      location: node.location,
      async process(event) {
        return event.withPayload(readAs(await value.evaluate(event), mediaType), mediaType);
      },
    };
  },
};
