import type { Consumer, ConsumeOptions, Delivery, Envelope, Handler, RetryPolicy } from './queue.js';
import { failureReason } from './queue-retry.js';

/** How a delivery ended: the handler's reply, or why it failed. */
export type Outcome = { readonly value: string | undefined } | { readonly reason: string };

/** A message on a memory queue. */
export interface Held {
  readonly id: string;
  readonly envelope: Envelope;
  /** Deliveries that failed so far in this round of attempts. */
  failures: number;
  /** Set for a `request`: settles the requester's wait (only the first call counts). */
  readonly reply?: (outcome: Outcome) => void;
}

/** What a consumer needs of its queue. */
export interface ConsumerHost {
  finished(held: Held, outcome: Outcome, retry: RetryPolicy): void;
  /** Messages a stopping consumer still had after its grace: back to the front, in order. */
  putBack(held: readonly Held[]): void;
  detach(consumer: MemoryConsumer): void;
}

export function deliveryOf(held: Held): Delivery {
  const { body, correlationId, publishedAt } = held.envelope;
  return { body, correlationId, publishedAt, id: held.id, attempt: held.failures + 1, request: held.reply !== undefined };
}

/** A consumer of a memory queue: up to `concurrency` messages in hand, each handed by the queue. */
export class MemoryConsumer implements Consumer {
  private readonly inHand = new Set<Held>();
  private stopped = false;
  private idle: (() => void) | undefined;

  constructor(
    private readonly handler: Handler,
    private readonly options: ConsumeOptions,
    private readonly host: ConsumerHost,
  ) {}

  /** How many more messages it takes now. */
  get free(): number {
    return this.stopped ? 0 : Math.max(1, this.options.concurrency) - this.inHand.size;
  }

  deliver(held: Held): void {
    this.inHand.add(held);
    const delivery = deliveryOf(held);
    // Never synchronously: the queue is in the middle of handing out messages.
    void Promise.resolve()
      .then(() => this.handler(delivery))
      .then(
        (value) => this.settle(held, { value }),
        (err: unknown) => this.settle(held, { reason: failureReason(err) }),
      );
  }

  async stop(graceMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.host.detach(this);
    if (this.inHand.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, graceMs));
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.idle = undefined;
    const late = [...this.inHand];
    this.inHand.clear();
    if (late.length > 0) this.host.putBack(late);
  }

  private settle(held: Held, outcome: Outcome): void {
    // A message put back at stop is no longer this consumer's: what its handler did is moot.
    if (!this.inHand.delete(held)) return;
    this.host.finished(held, outcome, this.options.retry);
    if (this.inHand.size === 0) this.idle?.();
  }
}
