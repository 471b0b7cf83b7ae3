import type { MessageQueue, QueueFactory } from '../../queues/queue.js';
import { RECONNECTION } from '../../spi/mule-parameters.js';
import type { ComponentNode, GlobalType } from '../../spi/component.js';
import type { ChildSpec } from '../../spi/spec.js';

export type CorrelationStrategy = 'AUTO' | 'ALWAYS' | 'NEVER';

/** What `<vm:config>` builds: the queues it owns, opened on the runtime's queue factory. */
export interface VmConfig {
  readonly name: string;
  readonly sendCorrelationId: CorrelationStrategy;
  /** The queue `queueName` of this config, or undefined when the config does not declare it (Mule refuses those). */
  queue(queueName: string): MessageQueue | undefined;
  /** Queue names a `vm:listener` of this app listens on: Mule's vm:consume refuses them. */
  readonly listened: Set<string>;
  /** The queue names declared, for messages. */
  readonly declared: readonly string[];
}

const QUEUE: ChildSpec = {
  attributes: {
    queueName: { kind: 'literal', required: true },
    queueType: { kind: 'literal', values: ['TRANSIENT', 'PERSISTENT'], default: 'TRANSIENT' },
    maxOutstandingMessages: { kind: 'literal', type: 'integer', default: '0' },
  },
  max: Infinity,
};

/**
 * `<vm:config name sendCorrelationId>` with `<vm:queues><vm:queue queueName queueType
 * maxOutstandingMessages/></vm:queues>` (docs.mulesoft.com/vm-connector/latest/vm-reference):
 * each config owns its queues, and operations may use only those. A queue is named
 * `<app>/<queueName>` on the runtime's queue factory, so every runtime of the app (same name,
 * same Redis) shares it. With Redis, TRANSIENT and PERSISTENT queues alike live there, as Mule's
 * cluster keeps both in its shared memory grid; without, both live in the process.
 */
export const vmConfig: GlobalType = {
  element: 'vm:config',
  spec: {
    attributes: {
      name: { kind: 'literal', required: true },
      sendCorrelationId: { kind: 'literal', values: ['AUTO', 'ALWAYS', 'NEVER'], default: 'AUTO' },
    },
    children: {
      'vm:connection': { attributes: {}, children: { reconnection: RECONNECTION } },
      'vm:queues': { attributes: {}, children: { 'vm:queue': QUEUE }, required: true },
    },
  },
  build(node): VmConfig | undefined {
    const name = node.literal('name');
    const declared = declaredQueues(node);
    if (name === undefined || !declared) return undefined;
    return openConfig(name, node.literal('sendCorrelationId') as CorrelationStrategy, declared, node.services.queues, node.services.appName);
  },
};

interface QueueDef {
  readonly persistent: boolean;
  readonly maxOutstanding: number;
}

function declaredQueues(node: ComponentNode): Map<string, QueueDef> | undefined {
  const queues = new Map<string, QueueDef>();
  let ok = true;
  for (const q of node.child('vm:queues')?.children('vm:queue') ?? []) {
    const queueName = q.literal('queueName');
    const maxOutstanding = q.int('maxOutstandingMessages') ?? 0;
    if (queueName === undefined) continue;
    if (queues.has(queueName)) {
      q.error('duplicate-queue', `queue "${queueName}" is declared twice in this vm:config`, 'declare each queue once');
      ok = false;
    }
    if (maxOutstanding < 0) {
      q.error(
        'value-below-minimum',
        `maxOutstandingMessages must be at least 0, not ${maxOutstanding}`,
        'give 0 for no bound, or the most messages the queue may hold',
      );
      ok = false;
    }
    queues.set(queueName, { persistent: q.literal('queueType') === 'PERSISTENT', maxOutstanding });
  }
  return ok ? queues : undefined;
}

function openConfig(name: string, sendCorrelationId: CorrelationStrategy, declared: Map<string, QueueDef>, factory: QueueFactory, app: string): VmConfig {
  // Opened on first use: a config built for `flowrt validate` opens nothing.
  const opened = new Map<string, MessageQueue>();
  return {
    name,
    sendCorrelationId,
    listened: new Set(),
    declared: [...declared.keys()],
    queue(queueName) {
      const def = declared.get(queueName);
      if (!def) return undefined;
      let queue = opened.get(queueName);
      if (!queue) {
        queue = factory.open(`${app}/${queueName}`, def);
        opened.set(queueName, queue);
      }
      return queue;
    },
  };
}
