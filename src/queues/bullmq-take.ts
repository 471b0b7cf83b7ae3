import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { sleep } from '../util/sleep.js';
import { attempt } from './bullmq-attempt.js';
import { deliveryOfJob } from './bullmq-names.js';
import type { JobData, JobResult } from './bullmq-names.js';
import type { BullSetup } from './bullmq-setup.js';
import type { Delivery } from './queue.js';

/** The longest pause between two looks at an empty queue while a take waits. */
const MAX_PAUSE_MS = 200;

/**
 * Takes jobs one at a time without a processor (vm:consume): BullMQ's manual fetching, a worker's
 * `getNextJob` then `moveToCompleted`. It never blocks its connection (a blocking read would hold
 * every other take on the queue): it looks, and looks again after a pause, until the deadline.
 */
export class BullTaker {
  private readonly worker: Worker<JobData, JobResult>;

  constructor(
    bullName: string,
    private readonly setup: BullSetup,
  ) {
    this.worker = new Worker<JobData, JobResult>(bullName, null, {
      connection: setup.link.consumer,
      prefix: setup.prefix,
      autorun: false,
      lockDuration: setup.lockMs,
      stalledInterval: setup.lockMs,
      maxStalledCount: setup.maxStalls,
    });
    this.worker.on('error', (err) => setup.link.report(err, `take from ${bullName}`));
    // A queue only taken from has no consumer to recover the message of a taker that died between
    // taking it and finishing it: this one does.
    void this.worker.startStalledCheckTimer();
  }

  async take(name: string, deadline: number, check: () => void): Promise<Delivery | undefined> {
    const context = { link: this.setup.link, what: `take from queue ${name}`, check };
    for (let pause = 10; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
      const token = randomUUID();
      const job = await attempt(() => this.worker.getNextJob(token, { block: false }), deadline, context);
      if (job) {
        const delivery = deliveryOfJob(job);
        // Finished at once: a taken message is gone (a taken request's requester gets no reply).
        await attempt(() => job.moveToCompleted({}, token, false), deadline, context);
        return delivery;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await sleep(Math.min(pause, left));
    }
  }

  async close(): Promise<void> {
    // Nothing is ever in hand between two takes: forced, the close does not wait for Redis.
    await this.worker.close(true);
  }
}
