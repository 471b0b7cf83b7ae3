import type { StepType } from '../spi/component.js';

/** `<remove-variable variableName>`: removing a variable that does not exist is not an error. */
export const removeVariable: StepType = {
  element: 'remove-variable',
  spec: { attributes: { variableName: { kind: 'literal', required: true } } },
  build(node) {
    const name = node.literal('variableName');
    if (!name) return undefined;
    return { location: node.location, process: async (event) => event.withoutVar(name) };
  },
};
