import type { Job, JobSchedulerJson, RepeatOptions } from 'bullmq';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { withTimeout } from '../util/with-timeout.js';
import { bullQueueName } from './bullmq-names.js';
import { QueueUnavailableError } from './queue-errors.js';
import type { ScheduleOptions, Tick } from './schedule.js';
import type { HandleOwner, ScheduleHandle } from './schedule-handle.js';
import { nextCron, sameCadence } from './timing.js';

/** The one job scheduler of each schedule's queue; its jobs are named after it. */
const SCHEDULER = 'tick';
const TRIGGER = 'trigger';
/** Ticks that overlap (disallowConcurrentExecution false) are never queued behind each other. */
const OVERLAPPING = 64;
/** How long an operation of the admin API waits for Redis before it fails. */
const COMMAND_TIMEOUT_MS = 2_000;
const DONE = { removeOnComplete: true, removeOnFail: true } as const;

/** What every schedule of one factory shares. */
export interface ClusterContext {
  readonly connection: Redis;
  readonly prefix: string;
  readonly location: string;
  readonly log?: Logger;
  readonly lockMs: number;
  readonly stalledCheckMs: number;
  /** Reports an error of a queue or worker: the factory logs an outage once. */
  readonly failed: (err: Error, schedule: string) => void;
}

/** Quartz expressions for BullMQ's job schedulers: the next due time from our own parser. */
const quartz = (millis: number, opts: RepeatOptions): number | undefined => nextCron(opts.pattern!, opts.tz, millis);

/**
 * One schedule on Redis: a BullMQ queue whose job scheduler makes one job per tick, and this
 * runtime's worker taking them. A job goes to one worker, so each tick runs once in the cluster.
 * With disallowConcurrentExecution the queue runs one job at a time cluster-wide, and a job due
 * before the previous tick finished is dropped rather than run late.
 */
export class ClusterSchedule implements HandleOwner {
  current?: ScheduleHandle;
  private leaving?: ScheduleHandle;
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly marks: string;

  constructor(
    readonly name: string,
    private options: ScheduleOptions,
    private readonly ctx: ClusterContext,
    private readonly forget: () => void,
  ) {
    const queueName = bullQueueName(name);
    const common = { connection: ctx.connection, prefix: ctx.prefix, settings: { repeatStrategy: quartz } };
    this.marks = `${ctx.prefix}:${queueName}:flowrt-marks`;
    this.queue = new Queue(queueName, { ...common, streams: { events: { maxLen: 100 } } });
    this.queue.on('error', (err: Error) => ctx.failed(err, name));
    this.worker = new Worker(queueName, (job) => this.process(job), {
      ...common,
      concurrency: options.skipWhileRunning ? 1 : OVERLAPPING,
      lockDuration: ctx.lockMs,
      stalledInterval: ctx.stalledCheckMs,
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 0 },
    });
    this.worker.on('error', (err: Error) => ctx.failed(err, name));
  }

  hand(handle: ScheduleHandle): ScheduleHandle {
    this.current = handle;
    return handle;
  }

  /**
   * Makes Redis hold this schedule as it should: the job scheduler with this timing (left alone
   * when another runtime made it so already, not to move a tick about to run) and the cluster-wide
   * concurrency. Also after Redis comes back empty.
   */
  async ensure(): Promise<void> {
    const existing = await this.queue.getJobScheduler(SCHEDULER);
    if (!existing || !this.holds(existing)) await this.upsert();
    await this.limit();
  }

  /** A new version's options: a changed timing applies from now on, for every runtime. */
  async retime(options: ScheduleOptions): Promise<void> {
    const previous = this.options;
    this.options = options;
    if (!sameCadence(previous.timing, options.timing)) await this.upsert();
    if (previous.skipWhileRunning !== options.skipWhileRunning) {
      this.worker.concurrency = options.skipWhileRunning ? 1 : OVERLAPPING;
      await this.limit();
    }
  }

  async trigger(): Promise<void> {
    await this.command(this.queue.add(TRIGGER, {}, DONE));
  }

  async pause(): Promise<void> {
    await this.command(this.queue.pause());
  }

  async resume(): Promise<void> {
    // Set first, so a tick held while paused and taken at once on resume is seen as missed.
    await this.command(this.ctx.connection.hset(this.marks, 'resumed', Date.now()));
    await this.command(this.queue.resume());
  }

  async state(): Promise<{ readonly paused: boolean; readonly nextAt?: number }> {
    const [paused, scheduler] = await this.command(Promise.all([this.queue.isPaused(), this.queue.getJobScheduler(SCHEDULER)]));
    return { paused, nextAt: paused ? undefined : scheduler?.next };
  }

  async release(handle: ScheduleHandle, graceMs: number): Promise<void> {
    if (handle === this.current) await this.end(graceMs);
    else await handle.drained(graceMs);
  }

  /** Stops this runtime taking ticks; the job scheduler stays in Redis for the other runtimes. */
  async end(graceMs: number): Promise<void> {
    const handle = this.current;
    this.leaving = handle;
    this.current = undefined;
    this.forget();
    // Take no more ticks (they go to the other runtimes), and let the one in hand finish; past
    // the grace it is left running, and its lock to expire: the stalled check gives it up.
    await this.worker.pause(true);
    const finished = await handle?.drained(graceMs);
    await this.worker.close(finished === false);
    await withTimeout(this.queue.close(), COMMAND_TIMEOUT_MS, () => new Error('queue close')).catch(() => undefined);
  }

  private async process(job: Job): Promise<void> {
    const manual = job.name === TRIGGER;
    // A scheduler's job ids are repeat:<scheduler>:<due ms>.
    const dueAt = manual ? job.timestamp : Number(job.id?.split(':').at(-1) ?? job.timestamp);
    // A tick whose runtime died is run again once by another (BullMQ puts it back when its lock
    // expires); one that stalls twice is given up, as it may be what kills the runtimes.
    if (job.stalledCounter > 1) {
      this.ctx.log?.warn({ schedule: this.name, dueAt }, 'schedule tick given up: the runtimes running it stopped twice');
      return;
    }
    // A tick taken as this runtime was stopping still runs, on the version that is leaving.
    const handle = this.current ?? this.leaving;
    if (!handle || (await this.missed(dueAt))) return;
    try {
      await handle.run({ dueAt, manual } satisfies Tick);
    } finally {
      if (this.options.skipWhileRunning) await this.ctx.connection.hset(this.marks, 'finished', Date.now()).catch(() => undefined);
    }
  }

  /** A tick due while the schedule was paused, or (skipping) while the previous one still ran. */
  private async missed(dueAt: number): Promise<boolean> {
    const [finished, resumed] = (await this.ctx.connection.hmget(this.marks, 'finished', 'resumed')).map(Number);
    const why =
      dueAt < resumed!
        ? 'it was due while the schedule was paused'
        : this.options.skipWhileRunning && dueAt < finished!
          ? 'the previous one still ran'
          : undefined;
    if (why) this.ctx.log?.debug({ schedule: this.name, dueAt }, `schedule tick skipped: ${why}`);
    return why !== undefined;
  }

  private holds(existing: JobSchedulerJson): boolean {
    const { timing } = this.options;
    if (timing.kind === 'every') return existing.every === timing.everyMs && !existing.pattern;
    return existing.pattern === timing.expression && existing.tz === timing.timeZone && !existing.every;
  }

  private async upsert(): Promise<void> {
    const { timing } = this.options;
    const repeat =
      timing.kind === 'every' ? { every: timing.everyMs, startDate: Date.now() + timing.startDelayMs } : { pattern: timing.expression, tz: timing.timeZone };
    await this.queue.upsertJobScheduler(SCHEDULER, repeat, { name: SCHEDULER, data: {}, opts: DONE });
  }

  private limit(): Promise<number> {
    return this.options.skipWhileRunning ? this.queue.setGlobalConcurrency(1) : this.queue.removeGlobalConcurrency();
  }

  private command<T>(work: Promise<T>): Promise<T> {
    return withTimeout(
      work,
      COMMAND_TIMEOUT_MS,
      () => new QueueUnavailableError(`Redis at ${this.ctx.location} did not answer within ${COMMAND_TIMEOUT_MS} ms`),
    );
  }
}
