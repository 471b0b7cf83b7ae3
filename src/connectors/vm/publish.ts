import { VM } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { outgoing } from './outgoing.js';
import { QUEUE_PARAMETERS, TRANSACTIONAL_ACTION } from './queue-parameters.js';
import { vmError } from './vm-message.js';

/** `<vm:content>`: what to publish instead of the payload. */
export const CONTENT = { 'vm:content': { attributes: {}, text: 'expression' as const } };

/** The correlation parameters publish and publish-consume share. */
export const CORRELATION = {
  sendCorrelationId: { kind: 'literal' as const, values: ['AUTO', 'ALWAYS', 'NEVER'] },
  correlationId: { kind: 'expression-supported' as const },
};

/**
 * `<vm:publish config-ref queueName timeout timeoutUnit sendCorrelationId correlationId>` with an
 * optional `<vm:content>` (default: the payload): puts the message on the queue and goes on with
 * the event unchanged. When it returns, the message is durable (on Redis, written there), so a
 * runtime that dies next loses nothing. A queue that stays full (maxOutstandingMessages) for the
 * timeout is VM:QUEUE_TIMEOUT; queues that cannot be reached, VM:CONNECTIVITY — never a silent drop.
 */
export const vmPublish: StepType = {
  element: 'vm:publish',
  spec: {
    attributes: { ...QUEUE_PARAMETERS, ...CORRELATION, transactionalAction: TRANSACTIONAL_ACTION },
    children: CONTENT,
  },
  throws: [VM.QUEUE_TIMEOUT, VM.CONNECTIVITY],
  build(node) {
    const next = outgoing(node);
    if (!next) return undefined;
    return {
      location: node.location,
      async process(event) {
        const { queueName, queue, timeoutMs, timeout, envelope } = await next(event);
        try {
          await queue.publish(envelope, timeoutMs);
        } catch (e) {
          throw vmError(e, queueName, timeout);
        }
        return event;
      },
    };
  },
};
