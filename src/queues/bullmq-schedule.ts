import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { withTimeout } from '../util/with-timeout.js';
import { isConnectionFailure } from './bullmq-connection.js';
import { describeRedisUrl } from '../util/redis-url.js';
import type { ClusterContext } from './bullmq-schedule-queue.js';
import { ClusterSchedule } from './bullmq-schedule-queue.js';
import { QueueUnavailableError } from './queue-errors.js';
import type { RunningSchedule, ScheduleFactory, ScheduleOptions, Tick } from './schedule.js';
import { ScheduleHandle } from './schedule-handle.js';
import { timingProblem } from './timing.js';

export interface BullScheduleOptions {
  readonly log?: Logger;
  /** Put before every key: `<prefix>:<schedule's queue>:…`. Default `flowrt:schedules`. */
  readonly prefix?: string;
  /** How long a runtime holds a running tick without renewing it (BullMQ's lockDuration). Default 30 s. */
  readonly lockMs?: number;
  /** How often workers look for ticks whose runtime died, to run them again. Default 30 s. */
  readonly stalledCheckMs?: number;
}

/** How long opening waits for Redis to answer a PING. */
const CONNECT_TIMEOUT_MS = 3_000;
/** How long a tick in hand may take to finish when the factory closes. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Schedules on Redis, shared by every runtime on it: one BullMQ queue per schedule, whose job
 * scheduler makes one job per tick, taken by one runtime. One connection for the queues, and one
 * blocking connection per schedule's worker. While Redis is down ticks are skipped (one late tick
 * runs when it is back), and a Redis that comes back empty gets the schedules again.
 */
export class BullScheduleFactory implements ScheduleFactory {
  readonly kind = 'redis';
  /** `redis://host:port`: the server, safe to print. */
  readonly location: string;
  private readonly connection: Redis;
  private readonly schedules = new Map<string, ClusterSchedule>();
  private readonly ctx: ClusterContext;
  private lastError?: Error;
  private closed = false;

  constructor(url: string, options: BullScheduleOptions = {}) {
    this.location = describeRedisUrl(url);
    // BullMQ's workers need commands to wait through a reconnection, not fail after some retries.
    this.connection = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 1_000, retryStrategy: (n) => Math.min(n * 100, 1_000) });
    this.connection.on('error', (err: Error) => this.failed(err));
    this.connection.on('ready', () => this.back());
    this.ctx = {
      connection: this.connection,
      prefix: options.prefix ?? 'flowrt:schedules',
      location: this.location,
      log: options.log,
      lockMs: options.lockMs ?? 30_000,
      stalledCheckMs: options.stalledCheckMs ?? 30_000,
      failed: (err, schedule) => this.failed(err, schedule),
    };
  }

  async run(name: string, options: ScheduleOptions, onTick: (tick: Tick) => Promise<void>): Promise<RunningSchedule> {
    if (this.closed) throw new QueueUnavailableError(`the schedules on ${this.location} are closed`);
    const problem = timingProblem(options.timing);
    if (problem) throw new Error(`schedule ${name}: ${problem}`);
    let schedule = this.schedules.get(name);
    const handle = (s: ClusterSchedule) => new ScheduleHandle(s, onTick, this.ctx.log, name);
    if (schedule) {
      await this.settle(schedule.retime(options), name);
      return schedule.hand(handle(schedule));
    }
    schedule = new ClusterSchedule(name, options, this.ctx, () => this.schedules.delete(name));
    this.schedules.set(name, schedule);
    const running = schedule.hand(handle(schedule));
    await this.settle(schedule.ensure(), name);
    return running;
  }

  running(): ReadonlyMap<string, RunningSchedule> {
    const current = new Map<string, RunningSchedule>();
    for (const [name, schedule] of this.schedules) if (schedule.current) current.set(name, schedule.current);
    return current;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.schedules.values()].map((s) => s.end(CLOSE_GRACE_MS)));
    if (this.connection.status === 'ready') await withTimeout(this.connection.quit(), 1_000, () => undefined).catch(() => undefined);
    this.connection.disconnect();
  }

  /** PING until it answers or `timeoutMs` has passed; rejects with why it could not. */
  async ping(timeoutMs: number = CONNECT_TIMEOUT_MS): Promise<void> {
    await withTimeout(this.connection.ping(), timeoutMs, () => new Error(this.reason() ?? `no answer within ${timeoutMs} ms`));
  }

  /**
   * Waits for Redis to take the schedule, up to a few seconds: when it is down, the runtime
   * starts anyway and the schedule is put in place once Redis is back.
   */
  private async settle(work: Promise<void>, name: string): Promise<void> {
    try {
      await withTimeout(work, 5_000, () => new Error('Redis did not answer'));
    } catch (err) {
      this.ctx.log?.warn(
        { schedule: name, redis: this.location, err: this.reason() ?? (err as Error).message },
        'schedule not confirmed in Redis yet; it is set up when Redis answers',
      );
    }
  }

  private failed(err: Error, schedule?: string): void {
    if (this.closed) return;
    if (!isConnectionFailure(err)) {
      this.ctx.log?.warn({ redis: this.location, schedule, err: err.message }, 'schedule error');
      return;
    }
    const first = this.lastError === undefined;
    this.lastError = err;
    if (first)
      this.ctx.log?.warn({ redis: this.location, schedule, err: this.reason() }, 'Redis connection failed; schedules skip their ticks until it is back');
  }

  private back(): void {
    if (this.lastError !== undefined) this.ctx.log?.info({ redis: this.location }, 'Redis connection is back; schedules run again');
    this.lastError = undefined;
    // A Redis that restarted empty has lost the job schedulers: put them back.
    for (const schedule of this.schedules.values()) void this.settle(schedule.ensure(), schedule.name);
  }

  private reason(): string | undefined {
    const code = (this.lastError as NodeJS.ErrnoException | undefined)?.code;
    return code || this.lastError?.message;
  }
}

/**
 * Schedules on the Redis at `url`, once it answered a PING: throws `cannot reach Redis at
 * redis://host:port: ECONNREFUSED` (a `QueueUnavailableError`) within ~3 s when it cannot.
 */
export async function connectSchedules(url: string, options: BullScheduleOptions & { timeoutMs?: number } = {}): Promise<BullScheduleFactory> {
  const factory = new BullScheduleFactory(url, options);
  try {
    await factory.ping(options.timeoutMs);
  } catch (err) {
    await factory.close();
    throw new QueueUnavailableError(`cannot reach Redis at ${factory.location}: ${(err as Error).message}`, { cause: err });
  }
  options.log?.info({ redis: factory.location }, 'schedules in Redis');
  return factory;
}
