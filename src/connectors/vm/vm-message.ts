import { randomUUID } from 'node:crypto';
import { MULE, VM } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Message } from '../../model/message.js';
import type { Delivery, Envelope } from '../../queues/queue.js';
import { QueueFullError, QueueUnavailableError, ReplyFailure, ReplyTimeoutError } from '../../queues/queue-errors.js';
import type { FlowEvent } from '../../runtime/event.js';
import { decodeValue, encodeValue } from '../../util/value-codec.js';
import type { CorrelationStrategy } from './vm-config.js';

/** What a VM message carries as text: the content and its media type (Mule's TypedValue). */
interface Content {
  readonly payload: unknown;
  readonly mediaType?: string;
}

/**
 * The envelope of `content`, with the correlation id Mule's sendCorrelationId asks for: AUTO and
 * ALWAYS send the event's (or the operation's `correlationId`), NEVER none — the listener then
 * makes its own.
 */
export function envelope(content: Content, event: FlowEvent, strategy: CorrelationStrategy, correlationId: string | undefined): Envelope {
  const sent = strategy === 'NEVER' ? '' : (correlationId ?? event.correlationId);
  return { body: encodeValue(content), correlationId: sent, publishedAt: Date.now() };
}

/** A message taken from `queueName` (or a reply from it), with Mule's VMMessageAttributes: queueName and timestamp. */
function typed(text: string | undefined, queueName: string, at: number): Message {
  const { payload, mediaType } = text === undefined ? { payload: null, mediaType: undefined } : (decodeValue(text) as Content);
  return { payload, mediaType, attributes: Object.freeze({ queueName, timestamp: new Date(at).toISOString() }) };
}

/** The message of a delivery, stamped with when it was published. */
export function vmMessage(delivery: Delivery | Envelope, queueName: string): Message {
  return typed(delivery.body, queueName, delivery.publishedAt);
}

/** The correlation id of an event made from a delivery: the publisher's, or a new one. */
export function deliveryCorrelationId(delivery: Envelope): string {
  return delivery.correlationId || randomUUID();
}

/** A reply, as the listener sends it back to publish-consume. */
export function encodeReply(message: Message): string {
  return encodeValue({ payload: message.payload, mediaType: message.mediaType });
}

/** The reply to a publish-consume (none: a null payload), stamped with when it came. */
export function decodeReply(text: string | undefined, queueName: string): Message {
  return typed(text, queueName, Date.now());
}

/** A flow's failure as text that crosses runtimes: its type and description. */
export function failureText(err: FlowError): string {
  return JSON.stringify({ type: err.type.id, description: err.description });
}

/**
 * A queue operation's failure as the VM error Mule raises: a queue that stayed full and a reply
 * that did not come are VM:QUEUE_TIMEOUT, an unreachable backend VM:CONNECTIVITY, a failed
 * consumer flow VM:PUBLISH_CONSUMER_FLOW_ERROR with that flow's description.
 */
export function vmError(e: unknown, queueName: string, timeout: string): FlowError {
  if (e instanceof FlowError) return e;
  if (e instanceof QueueFullError) return new FlowError(VM.QUEUE_TIMEOUT, `Timeout publishing message to VM queue ${queueName}`, { cause: e });
  if (e instanceof ReplyTimeoutError) {
    return new FlowError(VM.QUEUE_TIMEOUT, `Published messages to queue '${queueName}' but got no response after timeout of ${timeout}`, { cause: e });
  }
  if (e instanceof ReplyFailure) return new FlowError(VM.PUBLISH_CONSUMER_FLOW_ERROR, describeFailure(e.reason), { cause: e });
  if (e instanceof QueueUnavailableError) return new FlowError(VM.CONNECTIVITY, `VM queue ${queueName}: ${e.message}`, { cause: e });
  return new FlowError(MULE.UNKNOWN, `VM queue ${queueName}: ${(e as Error).message}`, { cause: e });
}

function describeFailure(reason: string): string {
  try {
    const parsed = JSON.parse(reason) as { description?: unknown };
    if (typeof parsed.description === 'string') return parsed.description;
  } catch {
    // A reason that is not ours (a handler's plain message) is the description as it is.
  }
  return reason;
}
