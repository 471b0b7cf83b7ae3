import type { ActiveSource } from '../runtime/app.js';
import type { SourceType } from '../spi/component.js';
import { ScheduledFlow } from './scheduler/scheduled-flow.js';
import { readTiming, SCHEDULING_STRATEGY } from './scheduler/strategy.js';

/**
 * Mule's `<scheduler disallowConcurrentExecution>` source with its `<scheduling-strategy>`
 * (https://docs.mulesoft.com/mule-runtime/latest/scheduler-concept): runs its flow at a fixed
 * frequency or on a Quartz cron expression. On Redis each tick runs on one runtime of the
 * cluster, as Mule runs schedulers on the primary node only.
 */
export const scheduler: SourceType = {
  element: 'scheduler',
  spec: {
    attributes: {
      // Mule's default lets a tick start while the previous one still runs.
      disallowConcurrentExecution: { kind: 'literal', type: 'boolean', default: 'false' },
    },
    children: { 'scheduling-strategy': SCHEDULING_STRATEGY },
  },
  build(node, flow): ActiveSource | undefined {
    const timing = readTiming(node.child('scheduling-strategy'));
    const skipWhileRunning = node.bool('disallowConcurrentExecution') ?? false;
    if (!timing) return undefined;
    return new ScheduledFlow(flow, node.location, { timing, skipWhileRunning }, node.services);
  },
};
