import { MULE, VM } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Delivery } from '../../queues/queue.js';
import { applyTarget } from '../../runtime/target.js';
import type { StepType } from '../../spi/component.js';
import { QUEUE_PARAMETERS, TRANSACTIONAL_ACTION, queueTarget } from './queue-parameters.js';
import { vmError, vmMessage } from './vm-message.js';

/**
 * `<vm:consume config-ref queueName timeout timeoutUnit>`: takes the next message of a queue no
 * `vm:listener` listens on (Mule refuses those), waiting up to the timeout; the message becomes
 * the event's (or goes to `target`), with VM attributes queueName and timestamp. Nothing within the
 * timeout is VM:EMPTY_QUEUE, with Mule's message.
 */
export const vmConsume: StepType = {
  element: 'vm:consume',
  spec: {
    attributes: {
      ...QUEUE_PARAMETERS,
      transactionalAction: TRANSACTIONAL_ACTION,
      transactionType: { kind: 'literal', values: ['LOCAL', 'XA'] },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
  },
  throws: [VM.EMPTY_QUEUE, VM.QUEUE_TIMEOUT, VM.CONNECTIVITY],
  build(node) {
    const target = queueTarget(node);
    const into = node.literal('target');
    const targetValue = into ? node.value('targetValue') : undefined;
    if (!target) return undefined;
    const { config } = target;
    return {
      location: node.location,
      async process(event) {
        const { queueName, queue, timeoutMs, timeout } = await target.resolve(event);
        if (config.listened.has(queueName)) {
          throw new FlowError(MULE.UNKNOWN, `Operation 'consume' cannot consume from queue '${queueName}': a vm:listener of this app listens on it`);
        }
        let delivery: Delivery | undefined;
        try {
          delivery = await queue.take(timeoutMs);
        } catch (e) {
          throw vmError(e, queueName, timeout);
        }
        if (!delivery)
          throw new FlowError(VM.EMPTY_QUEUE, `Tried to consume messages from VM queue '${queueName}' but it was empty after timeout of ${timeout}`);
        const result = event.with({ message: vmMessage(delivery, queueName) });
        return applyTarget(event, result, into, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};
