import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { sleep } from '../util/sleep.js';
import type { BullSetup } from './bullmq-setup.js';
import { deliveryOfJob, REQUEST } from './bullmq-names.js';
import type { JobData, JobResult } from './bullmq-names.js';
import type { Consumer, ConsumeOptions, Handler } from './queue.js';
import { failureReason, mayRetry, retryDelay } from './queue-retry.js';

/**
 * A BullMQ worker handing a queue's jobs to a handler. The consumer decides the retry policy: jobs
 * are published with attempts to spare and the `flowrt` backoff, the worker computes the backoff
 * from this consumer's policy, and a delivery that spent the consumer's attempts fails for good
 * (`UnrecoverableError`), into BullMQ's failed set: the dead letters.
 */
export class BullConsumer implements Consumer {
  private readonly worker: Worker<JobData, JobResult>;
  /** Its own connection, so that a stop that outlasts its grace can cut it without touching the others. */
  private readonly connection: Redis;
  private stopping: Promise<void> | undefined;
  /** Set once a stop gave up on the messages in hand: what the worker reports after that is expected. */
  private abandoned = false;
  /** Messages its handler has now. */
  private inHand = 0;

  constructor(
    bullName: string,
    private readonly handler: Handler,
    private readonly options: ConsumeOptions,
    private readonly setup: BullSetup,
    private readonly onStopped: (consumer: BullConsumer) => void,
  ) {
    this.connection = setup.link.dedicated();
    this.worker = new Worker<JobData, JobResult>(bullName, (job) => this.process(job), {
      connection: this.connection,
      prefix: setup.prefix,
      concurrency: Math.max(1, options.concurrency),
      lockDuration: setup.lockMs,
      stalledInterval: setup.lockMs,
      // A runtime that dies mid-message is not the message's fault: it is delivered again, and only
      // a message that keeps killing its consumers is dead-lettered.
      maxStalledCount: setup.maxStalls,
      // After a failed fetch (Redis away), try again soon rather than in BullMQ's 15 s.
      runRetryDelay: Math.min(setup.lockMs, 2_000),
      settings: { backoffStrategy: (attemptsMade: number) => retryDelay(options.retry, attemptsMade) },
    });
    this.worker.on('error', (err) => {
      if (!this.abandoned) setup.link.report(err, `consumer of ${bullName}`);
    });
  }

  stop(graceMs: number): Promise<void> {
    this.stopping ??= this.close(graceMs);
    return this.stopping;
  }

  private async process(job: Job<JobData, JobResult>): Promise<JobResult> {
    const delivery = deliveryOfJob(job);
    this.inHand++;
    try {
      const reply = await this.handler(delivery);
      return reply === undefined ? {} : { reply };
    } catch (err) {
      const reason = failureReason(err);
      // A request is delivered once: its requester gets the failure.
      if (job.name === REQUEST || !mayRetry(this.options.retry, delivery.attempt)) throw new UnrecoverableError(reason);
      throw new Error(reason);
    } finally {
      this.inHand--;
    }
  }

  private async close(graceMs: number): Promise<void> {
    // Takes no more jobs at once, and waits for the ones in hand.
    const closing = this.worker.close().then(
      () => true,
      () => true,
    );
    const finished = await Promise.race([closing, sleep(Math.max(0, graceMs)).then(() => false)]);
    if (!finished) {
      this.abandoned = true;
      if (this.inHand > 0) {
        this.setup.log?.warn(
          { queue: this.worker.name, graceMs, inHand: this.inHand },
          'consumer stopped with messages in hand; they go back to the queue when their locks lapse',
        );
      }
      // Cut its connections rather than wait (for the handlers, or for a Redis that is away): the
      // handlers in hand run on here, but their locks are no longer renewed, so once those lapse
      // another consumer gets their messages (stalled-job recovery) and what these do is moot.
      await Promise.race([
        this.worker
          .getBackend()
          .close(true)
          .catch(() => undefined),
        sleep(1_000),
      ]);
    }
    this.connection.disconnect();
    this.onStopped(this);
  }
}
