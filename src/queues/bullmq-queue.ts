import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { sleep } from '../util/sleep.js';
import { BullConsumer } from './bullmq-consumer.js';
import { attempt, ADMIN_MS, shut } from './bullmq-attempt.js';
import { bullQueueName, jobData, deliveryOfJob, MESSAGE, REQUEST } from './bullmq-names.js';
import type { JobData, JobResult } from './bullmq-names.js';
import { finished } from './bullmq-reply.js';
import type { BullSetup } from './bullmq-setup.js';
import { BullTaker } from './bullmq-take.js';
import type { Consumer, ConsumeOptions, DeadLetter, Delivery, Envelope, Handler, MessageQueue, QueueSettings, QueueStats } from './queue.js';
import { QueueFullError, QueueUnavailableError, ReplyFailure, ReplyTimeoutError } from './queue-errors.js';

/** Published messages may be retried this often: the consumer's policy decides when to stop. */
const MANY_ATTEMPTS = 1_000_000;
/** A request's job once finished, s: its requester removes it on reading the reply; this is for a requester that died. */
const KEEP_REQUEST_S = 3_600;
const MESSAGE_OPTIONS: JobsOptions = { attempts: MANY_ATTEMPTS, backoff: { type: 'flowrt' }, removeOnComplete: true };
const REQUEST_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: { age: KEEP_REQUEST_S }, removeOnFail: { age: KEEP_REQUEST_S } };

/** A queue in Redis (BullMQ's wait / delayed / active / failed sets), shared by every runtime that opens its name. */
export class BullMessageQueue implements MessageQueue {
  private readonly queue: Queue<JobData, JobResult>;
  private readonly bullName: string;
  private readonly consumers = new Set<BullConsumer>();
  private events: Promise<QueueEvents> | undefined;
  /** The QueueEvents once made (it may not be ready yet: Redis away). */
  private reader: QueueEvents | undefined;
  private taker: BullTaker | undefined;
  private closed = false;

  constructor(
    readonly name: string,
    private settings: QueueSettings,
    private readonly setup: BullSetup,
  ) {
    this.bullName = bullQueueName(name);
    // Version checked by the workers; a producer that ran INFO while Redis blinked would stay broken.
    this.queue = new Queue<JobData, JobResult>(this.bullName, { connection: setup.link.producer, prefix: setup.prefix, skipVersionCheck: true });
    this.queue.on('error', (err) => setup.link.report(err, `queue ${name}`));
  }

  configure(settings: QueueSettings): this {
    this.settings = settings;
    return this;
  }

  async publish(envelope: Envelope, timeoutMs: number): Promise<string> {
    const id = randomUUID();
    await this.add(id, MESSAGE, envelope, MESSAGE_OPTIONS, Date.now() + timeoutMs);
    return id;
  }

  async request(envelope: Envelope, timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    const events = await this.run(() => this.replies(), deadline, 'publish');
    const id = randomUUID();
    await this.add(id, REQUEST, envelope, REQUEST_OPTIONS, deadline);
    const outcome = await finished(events, this.queue, id, deadline - Date.now());
    if (outcome === undefined) {
      // Nobody will wait for its reply: a job still waiting is not handled later for nothing (one in
      // hand is locked and stays; its reply goes nowhere).
      await this.queue.remove(id).catch(() => 0);
      throw new ReplyTimeoutError(`no reply on queue ${this.name} within ${timeoutMs} ms`);
    }
    void this.queue.remove(id).catch(() => 0);
    if ('reason' in outcome) throw new ReplyFailure(outcome.reason);
    return outcome.reply;
  }

  async take(timeoutMs: number): Promise<Delivery | undefined> {
    this.checkOpen();
    this.taker ??= new BullTaker(this.bullName, this.setup);
    return this.taker.take(this.name, Date.now() + timeoutMs, () => this.checkOpen());
  }

  consume(handler: Handler, options: ConsumeOptions): Consumer {
    this.checkOpen();
    const consumer = new BullConsumer(this.bullName, handler, options, this.setup, (c) => this.consumers.delete(c));
    this.consumers.add(consumer);
    return consumer;
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.run(() => this.queue.getJobCounts('wait', 'prioritized', 'delayed', 'active', 'failed'), Date.now() + ADMIN_MS, 'read');
    const n = (state: string) => counts[state] ?? 0;
    return { waiting: n('wait') + n('prioritized') + n('delayed'), active: n('active'), deadLetters: n('failed') };
  }

  async deadLetters(limit?: number): Promise<DeadLetter[]> {
    if (limit !== undefined && limit <= 0) return [];
    const jobs = await this.run(() => this.queue.getFailed(0, limit === undefined ? -1 : limit - 1), Date.now() + ADMIN_MS, 'read');
    return jobs.filter(Boolean).map((job) => ({
      ...deliveryOfJob(job),
      // Every delivery failed: attemptsMade counts them all.
      attempt: job.attemptsMade,
      reason: job.failedReason ?? '',
      failedAt: job.finishedOn ?? 0,
    }));
  }

  async replay(ids?: readonly string[]): Promise<number> {
    let replayed = 0;
    for (const job of await this.failedJobs(ids)) {
      // A fresh round: its failed deliveries no longer count.
      const moved = await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).then(
        () => true,
        () => false,
      );
      if (moved) replayed++;
    }
    return replayed;
  }

  async purge(ids?: readonly string[]): Promise<number> {
    if (!ids) return (await this.run(() => this.queue.clean(0, 0, 'failed'), Date.now() + ADMIN_MS, 'purge')).length;
    let purged = 0;
    for (const job of await this.failedJobs(ids)) purged += await this.queue.remove(job.id!).catch(() => 0);
    return purged;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop(0)));
    await this.taker?.close();
    if (this.reader) await shut(this.reader);
    await shut(this.queue);
  }

  private async add(id: string, name: string, envelope: Envelope, options: JobsOptions, deadline: number): Promise<void> {
    await this.room(deadline);
    // The id is ours: a publish retried after an answer was lost does not add the message twice.
    await this.run(() => this.queue.add(name, jobData(envelope), { ...options, jobId: id }), deadline, 'publish');
  }

  /** Waits while the queue holds `maxOutstanding` messages; QueueFullError when it still does at the deadline. */
  private async room(deadline: number): Promise<void> {
    const max = this.settings.maxOutstanding;
    if (max <= 0) return;
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const waiting = await this.run(() => this.queue.getJobCountByTypes('wait', 'prioritized', 'delayed'), deadline, 'publish');
      if (waiting < max) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new QueueFullError(`queue ${this.name} held ${max} messages (maxOutstanding) for the whole publish timeout`);
      await sleep(Math.min(pause, left));
    }
  }

  /** One QueueEvents per queue, reading from the stream's end as it is now, so no reply is missed. */
  private replies(): Promise<QueueEvents> {
    this.events ??= this.openEvents().catch((err: unknown) => {
      this.events = undefined;
      throw err;
    });
    return this.events;
  }

  private async openEvents(): Promise<QueueEvents> {
    const last = await this.setup.link.producer.xrevrange(this.queue.keys.events!, '+', '-', 'COUNT', 1);
    this.checkOpen();
    const events = new QueueEvents(this.bullName, { connection: this.setup.link.consumer, prefix: this.setup.prefix, lastEventId: last[0]?.[0] ?? '0-0' });
    this.reader = events;
    events.on('error', (err) => this.setup.link.report(err, `replies of ${this.name}`));
    await events.waitUntilReady();
    return events;
  }

  private async failedJobs(ids: readonly string[] | undefined) {
    const deadline = Date.now() + ADMIN_MS;
    if (!ids) return (await this.run(() => this.queue.getFailed(0, -1), deadline, 'read')).filter(Boolean);
    const jobs = await this.run(() => Promise.all(ids.map((id) => this.queue.getJob(id))), deadline, 'read');
    const failed = await Promise.all(jobs.map(async (job) => (job && (await job.isFailed()) ? job : undefined)));
    return failed.filter((job) => job !== undefined);
  }

  private run<T>(op: () => Promise<T>, deadline: number, what: string): Promise<T> {
    this.checkOpen();
    return attempt(op, deadline, { link: this.setup.link, what: `${what} on queue ${this.name}`, check: () => this.checkOpen() });
  }

  private checkOpen(): void {
    if (this.closed) throw new QueueUnavailableError(`queue ${this.name} is closed`);
  }
}
