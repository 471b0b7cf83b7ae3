import type { Envelope, MessageQueue } from '../../queues/queue.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { ComponentNode } from '../../spi/component.js';
import { queueTarget } from './queue-parameters.js';
import type { CorrelationStrategy } from './vm-config.js';
import { envelope } from './vm-message.js';

/** A message about to be published, with where it goes and how long to wait there. */
export interface Outgoing {
  readonly queueName: string;
  readonly queue: MessageQueue;
  readonly timeoutMs: number;
  /** The timeout as written ("5 SECONDS"), for Mule's messages. */
  readonly timeout: string;
  readonly envelope: Envelope;
}

/**
 * What vm:publish and vm:publish-consume share: the queue, the `<vm:content>` (default: the
 * payload with its media type) and the correlation id Mule's sendCorrelationId asks for.
 */
export function outgoing(node: ComponentNode): ((event: FlowEvent) => Promise<Outgoing>) | undefined {
  const target = queueTarget(node);
  const content = node.child('vm:content')?.text();
  const correlationId = node.value('correlationId');
  if (!target) return undefined;
  const strategy = (node.literal('sendCorrelationId') as CorrelationStrategy | undefined) ?? target.config.sendCorrelationId;
  return async (event) => {
    const resolved = await target.resolve(event);
    const payload = content ? await content.evaluate(event) : event.payload;
    const mediaType = content ? undefined : event.message.mediaType;
    const id = correlationId ? String(await correlationId.evaluate(event)) : undefined;
    return { ...resolved, envelope: envelope({ payload, mediaType }, event, strategy, id) };
  };
}
