import type { Logger } from 'pino';
import type { Value } from '../../expr/value.js';
import type { Consumer, Delivery, MessageQueue, RetryPolicy } from '../../queues/queue.js';
import type { QueueDeliveryOutcome } from '../../runtime/metrics.js';
import type { ActiveSource } from '../../runtime/app.js';
import { FlowEvent } from '../../runtime/event.js';
import type { Flow } from '../../runtime/flow.js';
import { attach } from '../../runtime/pipeline.js';
import type { FlowLookup } from '../../runtime/processor.js';
import { execContext } from '../../runtime/processor.js';
import type { SourceType } from '../../spi/component.js';
import { RECONNECT_STRATEGIES, TIME_UNITS } from '../../spi/mule-parameters.js';
import { declaredQueue } from './queue-parameters.js';
import { retryPolicy } from './retry-policy.js';
import type { VmConfig } from './vm-config.js';
import { deliveryCorrelationId, encodeReply, failureText, vmMessage } from './vm-message.js';

/**
 * `<vm:listener config-ref queueName numberOfConsumers>` with an optional `<vm:response>`: runs
 * the flow for each message of the queue, up to numberOfConsumers at once on this runtime; every
 * runtime of the app listens, and each message goes to one of them. A flow that fails (its error
 * propagates) is redelivered with backoff (retry-policy.ts) and then dead-lettered, where
 * `flowrt dlq` and the admin API can replay it. A runtime that dies mid-message does not lose it:
 * another takes it up. For a publish-consume, the response content (default the payload) is the
 * reply, and a failure is the publisher's VM:PUBLISH_CONSUMER_FLOW_ERROR.
 */
export const vmListener: SourceType = {
  element: 'vm:listener',
  spec: {
    attributes: {
      'config-ref': { kind: 'literal', required: true, ref: 'vm:config' },
      queueName: { kind: 'literal', required: true },
      numberOfConsumers: { kind: 'literal', type: 'integer', default: '4' },
      // How long Mule's consumer threads block on the queue per poll: flowrt's consumers wait on it without polling.
      timeout: { kind: 'literal', type: 'integer', default: '5' },
      timeoutUnit: { kind: 'literal', values: TIME_UNITS, default: 'SECONDS' },
      // flowrt redelivers a failed message whether or not a transaction is begun: nothing is dropped.
      transactionalAction: { kind: 'literal', values: ['NONE', 'ALWAYS_BEGIN'], default: 'NONE' },
      transactionType: { kind: 'literal', values: ['LOCAL', 'XA'], default: 'LOCAL' },
      // Every runtime consumes; each message still goes to one of them.
      primaryNodeOnly: { kind: 'literal', type: 'boolean' },
    },
    children: {
      'vm:response': { attributes: {}, children: { 'vm:content': { attributes: {}, text: 'expression' } } },
      'redelivery-policy': {
        attributes: {
          maxRedeliveryCount: { kind: 'literal', type: 'integer', default: '5' },
          // flowrt knows a redelivery by the message's id on its queue, not by a digest of it.
          useSecureHash: { kind: 'literal', type: 'boolean' },
          messageDigestAlgorithm: { kind: 'literal' },
          idExpression: { kind: 'expression' },
          objectStore: { kind: 'literal' },
        },
      },
      ...RECONNECT_STRATEGIES,
    },
  },
  build(node, flow): ActiveSource | undefined {
    const config = node.config<VmConfig>();
    const queueName = node.literal('queueName');
    const concurrency = node.int('numberOfConsumers') ?? 4;
    const response = node.child('vm:response')?.child('vm:content')?.text();
    const retry = retryPolicy(node);
    if (concurrency < 1) node.error('value-below-minimum', `numberOfConsumers must be at least 1, not ${concurrency}`);
    if (!config || queueName === undefined || !retry || concurrency < 1) return undefined;
    const queue = declaredQueue(node, config, queueName);
    if (!queue) return undefined;
    config.listened.add(queueName);
    const { log, flows, metrics, appName } = node.services;
    const count = (outcome: QueueDeliveryOutcome): void => metrics.queueDelivery(appName, queueName, outcome);
    const listening: Listening = { flow, queueName, queue, response, log, flows, location: node.location, retry, count };
    let consumer: Consumer | undefined;
    return {
      kind: 'vm',
      flowName: flow.name,
      location: node.location,
      async start() {
        consumer ??= queue.consume((delivery) => handle(listening, delivery), { concurrency, retry });
      },
      async stop(graceMs) {
        const running = consumer;
        consumer = undefined;
        await running?.stop(graceMs);
      },
    };
  },
};

interface Listening {
  readonly flow: Flow;
  readonly queueName: string;
  readonly queue: MessageQueue;
  readonly response: Value | undefined;
  readonly log: Logger;
  readonly flows: FlowLookup;
  readonly location: string;
  readonly retry: RetryPolicy;
  readonly count: (outcome: QueueDeliveryOutcome) => void;
}

/** One delivery through the flow: the reply text, or a throw the queue redelivers (or answers a request with). */
async function handle(l: Listening, delivery: Delivery): Promise<string | undefined> {
  const correlationId = deliveryCorrelationId(delivery);
  const event = FlowEvent.create(vmMessage(delivery, l.queueName), correlationId);
  const ctx = execContext(l.log, correlationId, l.flows);
  try {
    const result = await l.flow.process(event, ctx);
    const reply = encodeReply(l.response ? { payload: await l.response.evaluate(result), attributes: undefined } : result.message);
    l.count('ok');
    return reply;
  } catch (e) {
    const err = attach(e, event);
    // A request's failure goes back to its publisher; any other is redelivered until its attempts are spent.
    const final = delivery.request || delivery.attempt >= l.retry.attempts;
    if (!delivery.request) l.count(final ? 'dead-lettered' : 'retried');
    const next = delivery.request ? 'reply' : final ? 'dead-letter' : 'redeliver';
    ctx.log.warn(
      { queue: l.queueName, attempt: delivery.attempt, errorType: err.type.id, location: l.location, next },
      `vm:listener: flow ${l.flow.name} failed: ${err.description}`,
    );
    throw new Error(failureText(err));
  }
}
