import { randomUUID } from 'node:crypto';
import { deliveryOf, MemoryConsumer } from './memory-consumer.js';
import type { ConsumerHost, Held, Outcome } from './memory-consumer.js';
import type { Consumer, ConsumeOptions, DeadLetter, Delivery, Envelope, Handler, MessageQueue, QueueSettings, QueueStats, RetryPolicy } from './queue.js';
import { QueueFullError, QueueUnavailableError, ReplyFailure, ReplyTimeoutError } from './queue-errors.js';
import { mayRetry, retryDelay } from './queue-retry.js';

/**
 * A queue in this process: messages waiting in order, handed to consumers taking turns (or to a
 * waiting take first), retried after a backoff, dead-lettered when the consumer's attempts are spent.
 */
export class MemoryMessageQueue implements MessageQueue, ConsumerHost {
  private readonly ready: Held[] = [];
  private readonly retrying = new Set<NodeJS.Timeout>();
  /** In the order they died: the oldest first. */
  private readonly dead = new Map<string, DeadLetter>();
  private readonly consumers: MemoryConsumer[] = [];
  private readonly takers: ((held: Held) => void)[] = [];
  private readonly roomWaiters = new Set<() => void>();
  private active = 0;
  private turn = 0;
  private closed = false;

  constructor(
    readonly name: string,
    private settings: QueueSettings,
  ) {}

  configure(settings: QueueSettings): this {
    this.settings = settings;
    this.dispatch();
    return this;
  }

  async publish(envelope: Envelope, timeoutMs: number): Promise<string> {
    const held: Held = { id: randomUUID(), envelope, failures: 0 };
    await this.put(held, Date.now() + timeoutMs);
    return held.id;
  }

  async request(envelope: Envelope, timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    let answered: ((outcome: Outcome | undefined) => void) | undefined;
    const outcome = new Promise<Outcome | undefined>((resolve) => (answered = resolve));
    const held: Held = { id: randomUUID(), envelope, failures: 0, reply: (o) => answered?.(o) };
    await this.put(held, deadline);
    const timer = setTimeout(() => answered?.(undefined), Math.max(0, deadline - Date.now()));
    const result = await outcome;
    answered = undefined;
    clearTimeout(timer);
    if (result === undefined) {
      // Nobody would wait for its reply: a message still waiting is not handled later for nothing.
      this.unqueue(held);
      throw new ReplyTimeoutError(`no reply on queue ${this.name} within ${timeoutMs} ms`);
    }
    if ('reason' in result) throw new ReplyFailure(result.reason);
    return result.value;
  }

  async take(timeoutMs: number): Promise<Delivery | undefined> {
    this.checkOpen();
    const first = this.ready.shift();
    if (first) return this.handOut(first);
    if (timeoutMs <= 0) return undefined;
    return new Promise((resolve) => {
      const taker = (held: Held) => {
        clearTimeout(timer);
        resolve(this.handOut(held));
      };
      const timer = setTimeout(() => {
        this.takers.splice(this.takers.indexOf(taker), 1);
        resolve(undefined);
      }, timeoutMs);
      this.takers.push(taker);
    });
  }

  consume(handler: Handler, options: ConsumeOptions): Consumer {
    this.checkOpen();
    const consumer = new MemoryConsumer(handler, options, this);
    this.consumers.push(consumer);
    this.dispatch();
    return consumer;
  }

  async stats(): Promise<QueueStats> {
    return { waiting: this.ready.length + this.retrying.size, active: this.active, deadLetters: this.dead.size };
  }

  async deadLetters(limit?: number): Promise<DeadLetter[]> {
    return [...this.dead.values()].reverse().slice(0, limit);
  }

  async replay(ids?: readonly string[]): Promise<number> {
    const chosen = this.chosen(ids);
    for (const letter of chosen) {
      this.dead.delete(letter.id);
      const { body, correlationId, publishedAt } = letter;
      this.ready.push({ id: letter.id, envelope: { body, correlationId, publishedAt }, failures: 0 });
    }
    this.dispatch();
    return chosen.length;
  }

  async purge(ids?: readonly string[]): Promise<number> {
    const chosen = this.chosen(ids);
    for (const letter of chosen) this.dead.delete(letter.id);
    return chosen.length;
  }

  finished(held: Held, outcome: Outcome, retry: RetryPolicy): void {
    this.active--;
    if (held.reply || 'value' in outcome) held.reply?.(outcome);
    else if (mayRetry(retry, held.failures + 1)) this.retryLater(held, retryDelay(retry, held.failures + 1));
    else this.dead.set(held.id, { ...deliveryOf(held), reason: outcome.reason, failedAt: Date.now() });
    this.dispatch();
  }

  putBack(held: readonly Held[]): void {
    this.active -= held.length;
    this.ready.unshift(...held);
    this.dispatch();
  }

  detach(consumer: MemoryConsumer): void {
    this.consumers.splice(this.consumers.indexOf(consumer), 1);
  }

  close(): void {
    this.closed = true;
    for (const consumer of [...this.consumers]) void consumer.stop(0);
    for (const timer of this.retrying) clearTimeout(timer);
    this.retrying.clear();
    for (const wake of [...this.roomWaiters]) wake();
  }

  private async put(held: Held, deadline: number): Promise<void> {
    for (;;) {
      this.checkOpen();
      if (!this.full()) break;
      if (Date.now() >= deadline) {
        throw new QueueFullError(`queue ${this.name} held ${this.settings.maxOutstanding} messages (maxOutstanding) for the whole publish timeout`);
      }
      await this.room(deadline);
    }
    this.ready.push(held);
    this.dispatch();
  }

  /** Resolves when a message leaves the queue, or at the deadline. */
  private room(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.roomWaiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
      this.roomWaiters.add(wake);
    });
  }

  private full(): boolean {
    const max = this.settings.maxOutstanding;
    return max > 0 && this.ready.length + this.retrying.size >= max;
  }

  private dispatch(): void {
    while (this.ready.length > 0) {
      const taker = this.takers.shift();
      if (taker) {
        taker(this.ready.shift()!);
        continue;
      }
      const consumer = this.nextFree();
      if (!consumer) break;
      this.active++;
      consumer.deliver(this.ready.shift()!);
    }
    if (!this.full()) for (const wake of [...this.roomWaiters]) wake();
  }

  /** The next consumer with room, taking turns so that every consumer gets its share. */
  private nextFree(): MemoryConsumer | undefined {
    const n = this.consumers.length;
    for (let i = 0; i < n; i++) {
      const consumer = this.consumers[(this.turn + i) % n]!;
      if (consumer.free > 0) {
        this.turn = (this.turn + i + 1) % n;
        return consumer;
      }
    }
    return undefined;
  }

  private handOut(held: Held): Delivery {
    // A taken request has no handler to answer it: its requester gets an empty reply.
    held.reply?.({ value: undefined });
    this.dispatch();
    return deliveryOf(held);
  }

  private retryLater(held: Held, delayMs: number): void {
    held.failures++;
    const timer = setTimeout(() => {
      this.retrying.delete(timer);
      this.ready.push(held);
      this.dispatch();
    }, delayMs);
    this.retrying.add(timer);
  }

  private unqueue(held: Held): void {
    const at = this.ready.indexOf(held);
    if (at >= 0) this.ready.splice(at, 1);
    this.dispatch();
  }

  private chosen(ids: readonly string[] | undefined): DeadLetter[] {
    if (!ids) return [...this.dead.values()];
    return ids.flatMap((id) => this.dead.get(id) ?? []);
  }

  private checkOpen(): void {
    if (this.closed) throw new QueueUnavailableError(`queue ${this.name} is closed`);
  }
}
