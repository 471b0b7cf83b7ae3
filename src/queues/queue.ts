/**
 * Message queues: what VM queues (`vm:publish`, `vm:listener` …) run on. One interface, two
 * adapters that pass one conformance suite (test/queues/): memory (one process) and BullMQ on
 * Redis (shared by every runtime of the app, persistent, surviving a runtime's death). Queues
 * carry opaque text; what a Mule message becomes as text is the caller's business
 * (util/value-codec.ts).
 */

/** What travels: the encoded message and the ids that must survive the trip. */
export interface Envelope {
  /** The message as text (the caller encodes payload, media type and attributes). */
  readonly body: string;
  readonly correlationId: string;
  /** When it was published, ms since the epoch (Mule's VM attribute `timestamp`). */
  readonly publishedAt: number;
}

/** One message handed to a consumer. */
export interface Delivery extends Envelope {
  /** The message's id in its queue (the same on every redelivery). */
  readonly id: string;
  /** 1 on the first delivery, 2 on the first retry … */
  readonly attempt: number;
  /** A requester waits for the reply (`request`): a failure goes back to it and is never redelivered. */
  readonly request: boolean;
}

/**
 * What a consumer's handler returns: the reply, for a message published with `request`
 * (ignored otherwise). A handler that throws fails the delivery: it is retried with backoff until
 * the consumer's attempts are spent, then dead-lettered; a `request` gets a `ReplyFailure`.
 */
export type Handler = (delivery: Delivery) => Promise<string | undefined>;

export interface RetryPolicy {
  /** Deliveries in all, the first included (Mule's maxRedeliveryCount + 1). At least 1. */
  readonly attempts: number;
  /** Wait before the first retry, ms; doubled for each further one. */
  readonly backoffMs: number;
}

export interface ConsumeOptions {
  /** Messages handled at once by this consumer (Mule's numberOfConsumers). */
  readonly concurrency: number;
  readonly retry: RetryPolicy;
}

/** A running consumer. */
export interface Consumer {
  /**
   * Stops taking messages, lets the ones in hand finish (up to `graceMs`), then returns. A message
   * still running after that is not lost: on Redis it goes back to the queue when its lock lapses
   * (stalled-job recovery); in memory it goes back at once.
   */
  stop(graceMs: number): Promise<void>;
}

/** A message that failed every attempt, kept until replayed or purged. */
export interface DeadLetter extends Delivery {
  /** The last failure's message (an error type and description, as the consumer phrased it). */
  readonly reason: string;
  /** When it was dead-lettered, ms since the epoch. */
  readonly failedAt: number;
}

export interface QueueStats {
  /** Published and not yet taken (waiting or waiting to be retried). */
  readonly waiting: number;
  /** Being handled now, by any runtime. */
  readonly active: number;
  readonly deadLetters: number;
}

export interface QueueSettings {
  /**
   * Mule's queueType. It does not change where messages live: memory queues live in this process
   * either way, and on Redis every queue is shared by the runtimes and outlives them, as a Mule
   * cluster keeps transient and persistent queues alike in its memory grid
   * (docs.mulesoft.com/mule-runtime/latest/mule-high-availability-ha-clusters).
   */
  readonly persistent: boolean;
  /** Mule's maxOutstandingMessages: a publish waits while this many are waiting (0: unbounded). */
  readonly maxOutstanding: number;
}

export interface MessageQueue {
  readonly name: string;
  /**
   * Puts a message on the queue. When it resolves the message is durable (on Redis: written), so
   * a publisher that dies next loses nothing. Rejects with `QueueUnavailableError` when the
   * backend cannot be reached within `timeoutMs`, or with `QueueFullError` when the queue stayed full
   * for `timeoutMs` — never a silent drop. Resolves to the message's id.
   */
  publish(envelope: Envelope, timeoutMs: number): Promise<string>;
  /**
   * Publishes, then waits for the consumer's reply (vm:publish-consume). A request is delivered
   * once, never retried. Rejects with `ReplyTimeoutError` when no reply came within `timeoutMs`, and
   * with `ReplyFailure` when the consumer's handler threw.
   */
  request(envelope: Envelope, timeoutMs: number): Promise<string | undefined>;
  /**
   * Takes one message without a listener (vm:consume): the first waiting, or the first published
   * within `timeoutMs`; undefined when none came. A taken message is gone from the queue.
   */
  take(timeoutMs: number): Promise<Delivery | undefined>;
  /** Starts handing messages to `handler`. Several consumers (runtimes) share the messages: each goes to one. */
  consume(handler: Handler, options: ConsumeOptions): Consumer;
  stats(): Promise<QueueStats>;
  /** The dead letters, the newest first (up to `limit`; all without). */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Puts dead letters back on the queue (all, or those ids) for a new round of attempts; returns how many. */
  replay(ids?: readonly string[]): Promise<number>;
  /** Deletes dead letters (all, or those ids); returns how many. */
  purge(ids?: readonly string[]): Promise<number>;
}

/** Opens queues by name; a runtime has one factory, shared by its apps and their reloads. */
export interface QueueFactory {
  readonly kind: 'memory' | 'redis';
  /** The queue `name` (scoped by the caller, e.g. `orders:vm:invoices`): the same name gives the same messages. */
  open(name: string, settings: QueueSettings): MessageQueue;
  /** The queues opened so far, by name (what the admin API and metrics show). */
  opened(): ReadonlyMap<string, MessageQueue>;
  /** Closes every connection after its consumers stopped; publishing (and opening) after this rejects with `QueueUnavailableError`. */
  close(): Promise<void>;
}
