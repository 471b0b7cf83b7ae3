import { VM } from '../../errors/catalog/index.js';
import { applyTarget } from '../../runtime/target.js';
import type { StepType } from '../../spi/component.js';
import { CONTENT, CORRELATION } from './publish.js';
import { outgoing } from './outgoing.js';
import { QUEUE_PARAMETERS, TRANSACTIONAL_ACTION } from './queue-parameters.js';
import { decodeReply, vmError } from './vm-message.js';

/**
 * `<vm:publish-consume>`: publishes as vm:publish does, then waits up to the timeout for the
 * listening flow's response (its `vm:response` content, default its payload), which becomes the
 * message (or goes to `target`). The request is delivered once, never retried. The listening flow
 * failing is VM:PUBLISH_CONSUMER_FLOW_ERROR with that flow's error description; no answer in
 * time, VM:QUEUE_TIMEOUT.
 */
export const vmPublishConsume: StepType = {
  element: 'vm:publish-consume',
  spec: {
    attributes: {
      ...QUEUE_PARAMETERS,
      ...CORRELATION,
      transactionalAction: TRANSACTIONAL_ACTION,
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
    children: CONTENT,
  },
  throws: [VM.QUEUE_TIMEOUT, VM.PUBLISH_CONSUMER_FLOW_ERROR, VM.CONNECTIVITY],
  build(node) {
    const next = outgoing(node);
    const into = node.literal('target');
    const targetValue = into ? node.value('targetValue') : undefined;
    if (!next) return undefined;
    return {
      location: node.location,
      async process(event) {
        const { queueName, queue, timeoutMs, timeout, envelope } = await next(event);
        let reply: string | undefined;
        try {
          reply = await queue.request(envelope, timeoutMs);
        } catch (e) {
          throw vmError(e, queueName, timeout);
        }
        const result = event.with({ message: decodeReply(reply, queueName) });
        return applyTarget(event, result, into, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};
