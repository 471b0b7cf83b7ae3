import type { Consumer, DeadLetter, Delivery, MessageQueue, QueueFactory, QueueStats } from '../../src/queues/queue.js';
import type { RunningSchedule, ScheduleFactory } from '../../src/queues/schedule.js';

/*
 * Test doubles of flowrt's own queue and schedule interfaces (not of Redis): a queue whose state
 * a test sets, for what operates queues (admin API, CLI, metrics). Sending messages is not theirs.
 */

/** A dead letter with defaults: id, times and the body as given. */
export function letter(id: string, body: string, more: Partial<DeadLetter> = {}): DeadLetter {
  return {
    id,
    body,
    correlationId: `corr-${id}`,
    attempt: 3,
    request: false,
    reason: 'APP:BOOM: it broke',
    publishedAt: 1_700_000_000_000,
    failedAt: 1_700_000_060_000,
    ...more,
  };
}

export class FakeQueue implements MessageQueue {
  waiting = 0;
  active = 0;
  /** What stats() and the rest do instead of answering: reject, or never settle (a Redis that hangs). */
  failure?: 'reject' | 'hang';

  constructor(
    readonly name: string,
    public letters: DeadLetter[] = [],
  ) {}

  async stats(): Promise<QueueStats> {
    await this.fail();
    return { waiting: this.waiting, active: this.active, deadLetters: this.letters.length };
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    await this.fail();
    return this.letters.slice(0, limit);
  }

  async replay(ids?: readonly string[]): Promise<number> {
    await this.fail();
    const taken = this.remove(ids);
    this.waiting += taken.length;
    return taken.length;
  }

  async purge(ids?: readonly string[]): Promise<number> {
    await this.fail();
    return this.remove(ids).length;
  }

  publish(): Promise<string> {
    throw new Error('not used here');
  }
  request(): Promise<string | undefined> {
    throw new Error('not used here');
  }
  take(): Promise<Delivery | undefined> {
    throw new Error('not used here');
  }
  consume(): Consumer {
    throw new Error('not used here');
  }

  private remove(ids?: readonly string[]): DeadLetter[] {
    const taken = this.letters.filter((l) => !ids || ids.includes(l.id));
    this.letters = this.letters.filter((l) => !taken.includes(l));
    return taken;
  }

  private async fail(): Promise<void> {
    if (this.failure === 'reject') throw new Error('Connection is closed.');
    if (this.failure === 'hang') await new Promise(() => {});
  }
}

export class FakeQueueFactory implements QueueFactory {
  readonly kind = 'memory';
  readonly queues = new Map<string, FakeQueue>();

  add(name: string, letters: DeadLetter[] = []): FakeQueue {
    const queue = new FakeQueue(name, letters);
    this.queues.set(name, queue);
    return queue;
  }

  open(): MessageQueue {
    throw new Error('not used here');
  }

  opened(): ReadonlyMap<string, MessageQueue> {
    return this.queues;
  }

  async close(): Promise<void> {}
}

export class FakeSchedule implements RunningSchedule {
  paused = false;
  triggered = 0;
  failing = false;

  constructor(readonly nextAt: number) {}

  async trigger(): Promise<void> {
    this.check();
    this.triggered++;
  }
  async pause(): Promise<void> {
    this.check();
    this.paused = true;
  }
  async resume(): Promise<void> {
    this.check();
    this.paused = false;
  }
  async state(): Promise<{ paused: boolean; nextAt?: number }> {
    this.check();
    return this.paused ? { paused: true } : { paused: false, nextAt: this.nextAt };
  }
  async stop(): Promise<void> {}

  private check(): void {
    if (this.failing) throw new Error('Connection is closed.');
  }
}

export class FakeScheduleFactory implements ScheduleFactory {
  readonly kind = 'memory';
  readonly schedules = new Map<string, FakeSchedule>();

  add(name: string, nextAt = Date.UTC(2030, 0, 1)): FakeSchedule {
    const schedule = new FakeSchedule(nextAt);
    this.schedules.set(name, schedule);
    return schedule;
  }

  run(): Promise<RunningSchedule> {
    throw new Error('not used here');
  }

  running(): ReadonlyMap<string, RunningSchedule> {
    return this.schedules;
  }

  async close(): Promise<void> {}
}
