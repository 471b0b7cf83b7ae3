import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { DataWeaveHost } from '../expr/dataweave/host.js';
import type { EventLike } from '../expr/scope.js';
import type { FlowEvent } from '../runtime/event.js';
import { flowNotFound } from '../runtime/flow.js';
import type { Flow } from '../runtime/flow.js';
import { execContext } from '../runtime/processor.js';
import { MAX_FLOW_DEPTH } from '../steps/flow-ref.js';
import type { BuildInput } from './build-input.js';

// How many lookups deep an event is: a flow that looks itself up must fail, not recurse forever.
const depths = new WeakMap<EventLike, number>();

/**
 * What DataWeave scripts of the app being built reach: its properties, its files, its flows
 * (`lookup` runs one on a copy of the event carrying the given payload and answers the payload it
 * ends with; variables it sets stay there, as in Mule), and its log.
 */
export function dataWeaveHost(input: BuildInput, flows: ReadonlyMap<string, Flow>, owner: () => string): DataWeaveHost {
  return {
    property: input.property,
    readResource: (path) => input.readBytes?.(path),
    async lookup(flowName, payload, event) {
      const flow = flows.get(flowName);
      if (!flow) throw flowNotFound(flowName);
      const depth = (depths.get(event) ?? 0) + 1;
      if (depth > MAX_FLOW_DEPTH)
        throw new FlowError(MULE.ROUTING, `lookup nesting exceeded ${MAX_FLOW_DEPTH} levels; is flow '${flowName}' looking itself up without end?`);
      const call = (event as FlowEvent).withPayload(payload);
      depths.set(call, depth);
      const result = await flow.process(call, execContext(input.log, event.correlationId, flows));
      return result.message.payload;
    },
    log: (message) => input.log.info(message),
    flowName: () => owner() || undefined,
    appName: input.name,
  };
}
