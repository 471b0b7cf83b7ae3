import { settleAll } from '../runtime/concurrency.js';
import { compositeError, messageOf } from '../runtime/composite.js';
import { applyTarget } from '../runtime/target.js';
import type { StepType } from '../spi/component.js';
import { elementsOf } from '../runtime/collections.js';

/**
 * `<parallel-foreach collection maxConcurrency timeout target targetValue>`: every element runs
 * through the processors concurrently (up to maxConcurrency), each on a copy of the event;
 * variables set inside do not come out. The result is the list of the routes' messages in input
 * order; any failure is MULE:COMPOSITE_ROUTING (docs.mulesoft.com/mule-runtime/latest/parallel-foreach-scope).
 */
export const parallelForeach: StepType = {
  element: 'parallel-foreach',
  spec: {
    attributes: {
      collection: { kind: 'expression', default: '#[payload]' },
      maxConcurrency: { kind: 'literal', type: 'integer' },
      timeout: { kind: 'literal', type: 'integer', default: '0' },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
    processors: true,
  },
  build(node) {
    const collection = node.value('collection')!;
    const limit = node.int('maxConcurrency') ?? Infinity;
    if (limit < 1) node.error('value-below-minimum', 'maxConcurrency must be at least 1');
    const timeout = node.int('timeout') ?? 0;
    const target = node.literal('target');
    const targetValue = target ? node.value('targetValue') : undefined;
    const body = node.processors();
    return {
      location: node.location,
      async process(event, ctx) {
        const items = elementsOf(await collection.evaluate(event));
        const tasks = items.map((item) => () => body.process(event.with({ message: { payload: item, attributes: undefined } }), ctx));
        const outcomes = await settleAll(tasks, limit, timeout);
        const failed = compositeError(outcomes, event);
        if (failed) throw failed;
        const payload = outcomes.map((o) => (o.ok ? messageOf(o.value) : null));
        const result = event.with({ message: { payload, attributes: undefined } });
        return applyTarget(event, result, target, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};
