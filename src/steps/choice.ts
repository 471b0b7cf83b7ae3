import { condition } from '../expr/boolean.js';
import type { FlowEvent } from '../runtime/event.js';
import type { Processor } from '../runtime/processor.js';
import type { StepType } from '../spi/component.js';

interface Route {
  readonly when: (event: FlowEvent) => Promise<boolean>;
  readonly body: Processor;
}

/**
 * `<choice>`: the first `<when expression>` that is true runs; else `<otherwise>`; with neither,
 * the event passes through unchanged.
 */
export const choice: StepType = {
  element: 'choice',
  spec: {
    attributes: {},
    children: {
      when: { attributes: { expression: { kind: 'expression', required: true } }, processors: true, required: true, max: Infinity },
      otherwise: { attributes: {}, processors: true },
    },
  },
  build(node) {
    const routes: Route[] = [];
    for (const w of node.children('when')) {
      const expression = w.value('expression');
      // Built whatever became of the condition: a broken one must not hide the problems of its body.
      const body = w.processors();
      if (expression) routes.push({ when: condition(expression), body });
    }
    const otherwise = node.child('otherwise')?.processors();
    return {
      location: node.location,
      async process(event, ctx) {
        for (const route of routes) if (await route.when(event)) return route.body.process(event, ctx);
        return otherwise ? otherwise.process(event, ctx) : event;
      },
    };
  },
};
