import { VM } from '../../errors/catalog/index.js';
import { applyTarget } from '../../runtime/target.js';
import type { StepType } from '../../spi/component.js';
import { CONTENT, CORRELATION } from './publish.js';
import { QUEUE_PARAMETERS, TRANSACTIONAL_ACTION, queueTarget } from './queue-parameters.js';
import type { CorrelationStrategy } from './vm-config.js';
import { decodeReply, envelope, vmError } from './vm-message.js';

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
    const target = queueTarget(node);
    const content = node.child('vm:content')?.text();
    const correlationId = node.value('correlationId');
    const into = node.literal('target');
    const targetValue = into ? node.value('targetValue') : undefined;
    if (!target) return undefined;
    const strategy = (node.literal('sendCorrelationId') as CorrelationStrategy | undefined) ?? target.config.sendCorrelationId;
    return {
      location: node.location,
      async process(event) {
        const { queueName, queue, timeoutMs, timeout } = await target.resolve(event);
        const payload = content ? await content.evaluate(event) : event.payload;
        const mediaType = content ? undefined : event.message.mediaType;
        const id = correlationId ? String(await correlationId.evaluate(event)) : undefined;
        let reply: string | undefined;
        try {
          reply = await queue.request(envelope({ payload, mediaType }, event, strategy, id), timeoutMs);
        } catch (e) {
          throw vmError(e, queueName, timeout);
        }
        const result = event.with({ message: decodeReply(reply, queueName) });
        return applyTarget(event, result, into, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};
