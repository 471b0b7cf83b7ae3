import { FlowrtError } from '../errors/flowrt-error.js';

/** The queue's backend could not be reached in time (Redis down): the message was not published. */
export class QueueUnavailableError extends FlowrtError<'queue-unavailable'> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('queue-unavailable', message, options);
  }
}

/** The queue held maxOutstandingMessages for the whole timeout: the message was not published. */
export class QueueFullError extends FlowrtError<'queue-full'> {
  constructor(message: string) {
    super('queue-full', message);
  }
}

/** A request's reply did not come in time. */
export class ReplyTimeoutError extends FlowrtError<'reply-timeout'> {
  constructor(message: string) {
    super('reply-timeout', message);
  }
}

/** A request's consumer failed; `reason` is what its handler threw, as text. */
export class ReplyFailure extends FlowrtError<'reply-failed'> {
  constructor(readonly reason: string) {
    super('reply-failed', reason);
  }
}
