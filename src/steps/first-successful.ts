import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import { attach } from '../runtime/pipeline.js';
import type { StepType } from '../spi/component.js';

/**
 * `<first-successful>` with `<route>`s: each route in turn, on the event as it entered, until
 * one succeeds; its result goes on. All failing: MULE:ROUTING listing each route's error.
 */
export const firstSuccessful: StepType = {
  element: 'first-successful',
  spec: { attributes: {}, children: { route: { attributes: {}, processors: true, required: true, max: Infinity } } },
  build(node) {
    const routes = node.children('route').map((r) => r.processors());
    return {
      location: node.location,
      async process(event, ctx) {
        const failures: FlowError[] = [];
        for (const route of routes) {
          try {
            return await route.process(event, ctx);
          } catch (e) {
            const err = attach(e, event);
            if (err.type.isA(MULE.CRITICAL)) throw err;
            failures.push(err);
          }
        }
        const lines = failures.map((f, i) => `\tRoute ${i}: ${f.type.id}: ${f.description}`).join('\n');
        throw new FlowError(MULE.ROUTING, `All routes of first-successful failed:\n${lines}`, { childErrors: failures });
      },
    };
  },
};
