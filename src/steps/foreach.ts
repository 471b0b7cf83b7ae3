import type { FlowEvent } from '../runtime/event.js';
import { meter } from '../util/fair-share.js';
import type { StepType } from '../spi/component.js';
import { batches, elementsOf } from '../runtime/collections.js';

/**
 * `<foreach collection counterVariableName rootMessageVariableName batchSize>`: the processors
 * run once per element (or batch), in order, each with the element as payload. Variables carry
 * over from one iteration to the next and out of the scope; the payload and attributes are
 * restored afterwards, and the counter and root message variables exist only inside
 * (docs.mulesoft.com/mule-runtime/latest/for-each-scope-concept).
 */
export const foreach: StepType = {
  element: 'foreach',
  spec: {
    attributes: {
      collection: { kind: 'expression', default: '#[payload]' },
      counterVariableName: { kind: 'literal', default: 'counter' },
      rootMessageVariableName: { kind: 'literal', default: 'rootMessage' },
      batchSize: { kind: 'literal', type: 'integer', default: '1' },
    },
    processors: true,
  },
  build(node) {
    const collection = node.value('collection')!;
    const counter = node.literal('counterVariableName')!;
    const root = node.literal('rootMessageVariableName')!;
    const size = node.int('batchSize') ?? 1;
    if (size < 1) node.error('value-below-minimum', 'batchSize must be at least 1');
    const body = node.processors();
    return {
      location: node.location,
      async process(event, ctx) {
        const items = batches(elementsOf(await collection.evaluate(event)), size);
        let current: FlowEvent = event.withVar(root, { payload: event.message.payload, attributes: event.message.attributes ?? null });
        // A loop over a large collection takes turns with other requests (util/fair-share.ts).
        const step = meter(256);
        for (let i = 0; i < items.length; i++) {
          const wait = step();
          if (wait) await wait;
          const input = current.withVar(counter, i + 1).with({ message: { payload: items[i], attributes: undefined } });
          current = await body.process(input, ctx);
        }
        let out = current.with({ message: event.message });
        out = restore(out, event, counter);
        return restore(out, event, root);
      },
    };
  },
};

/** Gives a variable back the value it had before the scope, or removes it. */
function restore(out: FlowEvent, before: FlowEvent, name: string): FlowEvent {
  return name in before.vars ? out.withVar(name, before.vars[name]) : out.withoutVar(name);
}
