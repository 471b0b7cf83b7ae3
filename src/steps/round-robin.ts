import type { StepType } from '../spi/component.js';

/** `<round-robin>` with `<route>`s: each event goes to the next route in turn. */
export const roundRobin: StepType = {
  element: 'round-robin',
  spec: { attributes: {}, children: { route: { attributes: {}, processors: true, required: true, max: Infinity } } },
  build(node) {
    const routes = node.children('route').map((r) => r.processors());
    let next = 0;
    return {
      location: node.location,
      process(event, ctx) {
        // Taken and advanced in one synchronous step: concurrent events never share a turn.
        const route = routes[next]!;
        next = (next + 1) % routes.length;
        return route.process(event, ctx);
      },
    };
  },
};
