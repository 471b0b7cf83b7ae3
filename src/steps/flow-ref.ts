import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import { toText } from '../expr/value.js';
import { flowNotFound } from '../runtime/flow.js';
import { deeper } from '../runtime/processor.js';
import type { ExecContext, Processor } from '../runtime/processor.js';
import { applyTarget } from '../runtime/target.js';
import type { StepType } from '../spi/component.js';

/** Nesting beyond this is runaway recursion: fail the event rather than the process. */
export const MAX_FLOW_DEPTH = 500;

/**
 * `<flow-ref name target targetValue>`: runs a flow (with its error handler) or a sub-flow on
 * the current event; the called flow's variable changes are visible afterwards, as in Mule.
 * A `name` in `#[…]` is resolved per event.
 */
export const flowRef: StepType = {
  element: 'flow-ref',
  spec: {
    attributes: {
      name: { kind: 'expression-supported', required: true },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
  },
  build(node) {
    const name = node.value('name');
    if (!name) return undefined;
    const target = node.literal('target');
    const targetValue = target ? node.value('targetValue') : undefined;
    const fixed = name.constant ? node.flow(name.source) : undefined;
    if (name.constant && !fixed) return undefined;
    const resolve = async (event: Parameters<Processor['process']>[0], ctx: ExecContext): Promise<Processor> => {
      if (fixed) return fixed;
      const dynamic = toText(await name.evaluate(event));
      const flow = ctx.flows.get(dynamic);
      if (!flow) throw flowNotFound(dynamic);
      return flow;
    };
    return {
      location: node.location,
      async process(event, ctx) {
        if (ctx.depth >= MAX_FLOW_DEPTH) {
          throw new FlowError(MULE.ROUTING, `flow-ref nesting exceeded ${MAX_FLOW_DEPTH} levels; is a flow calling itself without end?`);
        }
        const flow = await resolve(event, ctx);
        const result = await flow.process(event, deeper(ctx));
        return applyTarget(event, result, target, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};
