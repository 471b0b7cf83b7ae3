import type { XmlElement } from '../model/element.js';
import type { BoundSource } from '../runtime/app.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import { DEFAULT_ERROR_HANDLER } from '../runtime/error-handler.js';
import { Flow, PASS_THROUGH } from '../runtime/flow.js';
import { pipeline } from '../runtime/pipeline.js';
import type { Processor } from '../runtime/processor.js';
import type { ElementSpec } from '../spi/spec.js';
import { describe, Node } from './node.js';
import type { BuildState } from './state.js';

export const FLOW_SPEC: ElementSpec = {
  attributes: {
    name: { kind: 'literal', required: true },
    initialState: { kind: 'literal', default: 'started', values: ['started', 'stopped'] },
    maxConcurrency: { kind: 'literal', type: 'integer' },
  },
  processors: true,
};

export const SUB_FLOW_SPEC: ElementSpec = { attributes: { name: { kind: 'literal', required: true } }, processors: true };

/** An empty shell per flow, so flow-refs can point at flows not built yet. */
export function flowShell(el: XmlElement): Flow | undefined {
  const name = el.attrs.get('name')?.value;
  if (!name) return undefined;
  const max = Number(el.attrs.get('maxConcurrency')?.value);
  return new Flow(name, el.key === 'sub-flow' ? 'sub-flow' : 'flow', PASS_THROUGH, undefined, describe(el), max > 0 ? max : Infinity);
}

/**
 * Fills in a flow: an optional source first, processors, an optional error-handler last
 * (a flow without one uses the app's default error handler). Returns the flow's bound source.
 */
export function buildFlow(el: XmlElement, state: BuildState, defaultHandler: () => ErrorHandler | undefined): BoundSource | undefined {
  const isSub = el.key === 'sub-flow';
  const node = new Node(el, isSub ? SUB_FLOW_SPEC : FLOW_SPEC, state);
  const flow = state.flows.get(node.literal('name') ?? '');
  if (!flow) return undefined;
  let source: BoundSource | undefined;
  const steps: Processor[] = [];
  el.children.forEach((child, i) => {
    const sourceType = state.registry.sources.get(child.key);
    if (sourceType) {
      if (isSub) node.error('source-in-sub-flow', `a sub-flow cannot have a message source like <${child.key}>; use a flow`, undefined, child.loc);
      else if (i !== 0) node.error('misplaced-element', `<${child.key}> is a message source: it must be the first element of its flow`, undefined, child.loc);
      else source = sourceType.build(new Node(child, sourceType.spec, state), flow) ?? undefined;
      return;
    }
    if (child.key === 'error-handler') {
      if (isSub)
        node.error(
          'error-handler-not-allowed',
          'a sub-flow cannot have an error-handler: its errors go to the caller',
          'wrap its steps in <try> to handle them there',
          child.loc,
        );
      return;
    }
    const step = state.step(child);
    if (step) steps.push(step);
  });
  // Mule's default error handler (log, then propagate) stands in when neither flow nor app names one.
  const handler = isSub ? undefined : (node.errorHandler() ?? defaultHandler() ?? DEFAULT_ERROR_HANDLER);
  flow.define(steps.length === 0 ? PASS_THROUGH : pipeline(steps), handler);
  if (node.literal('initialState') === 'stopped') return undefined;
  return source;
}
