import { MULE } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { MessageQueue } from '../../queues/queue.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { ComponentNode } from '../../spi/component.js';
import { TIME_UNITS, toMs } from '../../spi/mule-parameters.js';
import type { AttrSpec } from '../../spi/spec.js';
import type { VmConfig } from './vm-config.js';

/** Mule's queue parameter group of every VM operation: the queue and how long to wait on it. */
export const QUEUE_PARAMETERS: Readonly<Record<string, AttrSpec>> = {
  'config-ref': { kind: 'literal', required: true, ref: 'vm:config' },
  queueName: { kind: 'expression-supported', required: true },
  timeout: { kind: 'expression-supported', default: '5' },
  timeoutUnit: { kind: 'literal', values: TIME_UNITS, default: 'SECONDS' },
};

/** Transactions flowrt does not have: an operation joins one only if there is one, and there never is. */
export const TRANSACTIONAL_ACTION: AttrSpec = { kind: 'literal', values: ['ALWAYS_JOIN', 'JOIN_IF_POSSIBLE', 'NOT_SUPPORTED'], default: 'JOIN_IF_POSSIBLE' };

/** The queue and timeout of one operation, resolved per event. */
export interface QueueTarget {
  readonly config: VmConfig;
  /** The queue name and its queue, for this event. */
  resolve(event: FlowEvent): Promise<{ readonly queueName: string; readonly queue: MessageQueue; readonly timeoutMs: number; readonly timeout: string }>;
}

/**
 * Reads the queue parameters; a literal queue name the config does not declare is a load error,
 * as Mule refuses a queue its config does not own. An expression's queue is checked per event.
 */
export function queueTarget(node: ComponentNode): QueueTarget | undefined {
  const config = node.config<VmConfig>();
  const name = node.value('queueName');
  const timeout = node.value('timeout')!;
  const unit = node.literal('timeoutUnit');
  if (node.literal('transactionalAction') === 'ALWAYS_JOIN') {
    node.error(
      'unsupported-value',
      'transactionalAction="ALWAYS_JOIN" needs a transaction to join, and flowrt has no transactions',
      'use JOIN_IF_POSSIBLE (the default)',
    );
  }
  if (!config || !name) return undefined;
  if (name.constant && !declaredQueue(node, config, name.source)) return undefined;
  return {
    config,
    async resolve(event) {
      const queueName = String(await name.evaluate(event));
      const queue = config.queue(queueName);
      if (!queue) throw new FlowError(MULE.UNKNOWN, `vm:config "${config.name}" declares no queue "${queueName}"; ${declaredHint(config)}`);
      const amount = Number(await timeout.evaluate(event));
      if (!Number.isFinite(amount) || amount < 0) throw new FlowError(MULE.EXPRESSION, `timeout must be a number of at least 0, not ${JSON.stringify(amount)}`);
      return { queueName, queue, timeoutMs: toMs(amount, unit), timeout: `${amount} ${unit ?? 'SECONDS'}` };
    },
  };
}

/** The queue `queueName` of the config; a load error at the queueName attribute when the config does not declare it. */
export function declaredQueue(node: ComponentNode, config: VmConfig, queueName: string): MessageQueue | undefined {
  const queue = config.queue(queueName);
  if (!queue)
    node.error(
      'undeclared-queue',
      `vm:config "${config.name}" declares no queue "${queueName}"`,
      declaredHint(config),
      node.element.attrs.get('queueName')?.valueLoc,
    );
  return queue;
}

function declaredHint(config: VmConfig): string {
  return config.declared.length ? `it declares ${config.declared.map((q) => `"${q}"`).join(', ')}` : 'declare it in <vm:queues>';
}
