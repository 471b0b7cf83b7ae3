import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BullScheduleOptions } from '../../src/queues/bullmq-schedule.js';
import { BullScheduleFactory, connectSchedules } from '../../src/queues/bullmq-schedule.js';
import { openSchedules } from '../../src/queues/open-schedules.js';
import { QueueUnavailableError } from '../../src/queues/queue-errors.js';
import type { ScheduleFactory, ScheduleOptions } from '../../src/queues/schedule.js';
import type { OwnRedis } from '../helpers/redis-server.js';
import { ownRedis } from '../helpers/redis-server.js';
import { expectOnGrid, Recorder, scheduleConformance, until } from './schedule-conformance.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const P = 150;
const prefixes: string[] = [];

/** A factory on the shared Redis, under a prefix of the test's own (several share one to be a cluster). */
function factory(prefix: string, options: BullScheduleOptions = {}): Promise<BullScheduleFactory> {
  return connectSchedules(REDIS_URL, { prefix, ...options });
}

function fresh(): string {
  const prefix = `flowrt-test:sched:${randomUUID()}`;
  prefixes.push(prefix);
  return prefix;
}

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

scheduleConformance('BullMQ', { open: () => factory(fresh()), periodMs: P });

const every = (everyMs: number, skipWhileRunning = true): ScheduleOptions => ({ timing: { kind: 'every', everyMs, startDelayMs: 0 }, skipWhileRunning });

describe('BullMQ schedules across runtimes', () => {
  const open: ScheduleFactory[] = [];
  const runtime = async (prefix: string, options?: BullScheduleOptions) => {
    const f = await factory(prefix, options);
    open.push(f);
    return f;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((f) => f.close()));
  });

  it('runs each tick on one runtime of two', async () => {
    const prefix = fresh();
    const [a, b] = [new Recorder(), new Recorder()];
    await (await runtime(prefix)).run('app/poll', every(P), a.onTick);
    await (await runtime(prefix)).run('app/poll', every(P), b.onTick);
    await until(() => a.ticks.length + b.ticks.length >= 8, '8 ticks');
    const due = [...a.due, ...b.due].sort((x, y) => x - y);
    expect(new Set(due).size).toBe(due.length);
    expectOnGrid(due, P);
  });

  it('skips a tick while the previous one runs on another runtime', async () => {
    const prefix = fresh();
    const ticks: { dueAt: number; started: number; finished?: number }[] = [];
    let running = 0;
    let most = 0;
    const slow = async ({ dueAt }: { dueAt: number }) => {
      const t: (typeof ticks)[number] = { dueAt, started: Date.now() };
      ticks.push(t);
      most = Math.max(most, ++running);
      await sleep(3.5 * P);
      running--;
      t.finished = Date.now();
    };
    await (await runtime(prefix)).run('app/slow', every(P), slow);
    await (await runtime(prefix)).run('app/slow', every(P), slow);
    await until(() => ticks.length >= 4 && running === 0, '4 slow ticks');
    expect(most).toBe(1);
    ticks.sort((x, y) => x.dueAt - y.dueAt);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.dueAt).toBeGreaterThanOrEqual(ticks[i - 1]!.finished!);
  });

  it('a pause in one runtime pauses every runtime, and resume resumes them', async () => {
    const prefix = fresh();
    const r = new Recorder();
    const one = await (await runtime(prefix)).run('app/paused', every(P), r.onTick);
    const other = await (await runtime(prefix)).run('app/paused', every(P), r.onTick);
    await until(() => r.ticks.length >= 2, '2 ticks');
    await one.pause();
    expect((await other.state()).paused).toBe(true);
    await sleep(P);
    const seen = r.ticks.length;
    await sleep(4 * P);
    expect(r.ticks.length).toBe(seen);
    await other.resume();
    await until(() => r.ticks.length >= seen + 2, 'ticks after resume');
  });

  it('a runtime joining does not move the schedule, and one leaving leaves it to the others', async () => {
    const prefix = fresh();
    const [a, b] = [new Recorder(), new Recorder()];
    const first = await (await runtime(prefix)).run('app/join', every(P), a.onTick);
    await until(() => a.ticks.length >= 2, '2 ticks on the first runtime');
    await (await runtime(prefix)).run('app/join', every(P), b.onTick);
    await first.stop(1_000);
    const left = a.ticks.length;
    await until(() => b.ticks.length >= 3, '3 ticks on the runtime that stayed');
    expect(a.ticks.length).toBe(left);
    expectOnGrid([...a.due, ...b.due], P);
  });

  it('runs the tick of a runtime that died holding it again, once, on another runtime, and goes on', async () => {
    const prefix = fresh();
    const quick = { lockMs: 600, stalledCheckMs: 300 };
    const dead = await runtime(prefix, quick);
    let held = 0;
    let heldDue = 0;
    const hold = await dead.run('app/held', every(P), async ({ dueAt }) => {
      held++;
      heldDue = dueAt;
      await new Promise(() => {}); // never finishes, as a runtime killed mid-tick
    });
    await until(() => held === 1, 'the tick the runtime dies with');
    // Its worker goes without finishing the tick or renewing its lock: a SIGKILL as BullMQ sees it.
    await hold.stop(0);
    const r = new Recorder();
    await (await runtime(prefix, quick)).run('app/held', every(P), r.onTick);
    await until(() => r.ticks.length >= 3, 'ticks on the surviving runtime');
    // The tick never finished: it runs again (late), once.
    expect(r.due.filter((d) => d === heldDue)).toHaveLength(1);
    expectOnGrid(r.due, P);
  });
});

describe('BullMQ schedules and Redis outages', () => {
  let redis: OwnRedis | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('skips ticks while Redis is down, says so, and ticks again once it is back (even empty)', async () => {
    redis = await ownRedis();
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
    const f = await connectSchedules(redis.url, { log, prefix: 'outage' });
    try {
      const r = new Recorder();
      await f.run('app/outage', every(P), r.onTick);
      await until(() => r.ticks.length >= 2, '2 ticks');
      await redis.kill();
      await until(() => lines.some((l) => l.msg.startsWith('Redis connection failed')), 'the outage logged');
      const during = r.ticks.length;
      await sleep(5 * P);
      expect(r.ticks.length).toBeLessThanOrEqual(during + 1);
      await redis.restart();
      await until(() => r.ticks.length >= during + 3, 'ticks after Redis is back');
      expect(lines.some((l) => l.msg.startsWith('Redis connection is back'))).toBe(true);
    } finally {
      await f.close();
    }
  });

  it('refuses to open on a Redis it cannot reach, naming it without its password', async () => {
    const failure = openSchedules('redis://:s3cret@127.0.0.1:1', {});
    await expect(failure).rejects.toThrow(QueueUnavailableError);
    await expect(failure).rejects.toThrow('cannot reach Redis at redis://127.0.0.1:1: ECONNREFUSED');
    await expect(failure).rejects.not.toThrow('s3cret');
  });

  it('opens the BullMQ factory when given a Redis URL, timers without', async () => {
    const onRedis = await openSchedules(REDIS_URL);
    const inMemory = await openSchedules(undefined);
    expect([onRedis.kind, inMemory.kind]).toEqual(['redis', 'memory']);
    await Promise.all([onRedis.close(), inMemory.close()]);
  });
});
