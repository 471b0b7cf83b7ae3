import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSchedule, ScheduleFactory, ScheduleOptions, Tick } from '../../src/queues/schedule.js';

/**
 * What every schedule adapter does, run against each (memory-schedule.test.ts,
 * bullmq-schedule.redis.test.ts). Counts and orders are asserted, never deadlines: a busy machine
 * makes ticks late, not wrong.
 */
export interface ScheduleBackend {
  /** A fresh factory (one runtime); the suite closes it. */
  open(): Promise<ScheduleFactory>;
  /** The shortest period the suite may use: timers are fine with little, Redis round trips need more. */
  readonly periodMs: number;
}

/** Each tick seen, with when it arrived and finished, and how many ran at once. */
export class Recorder {
  readonly ticks: (Tick & { readonly started: number; finished?: number })[] = [];
  running = 0;
  most = 0;

  constructor(private readonly work: (tick: Tick) => Promise<void> = async () => {}) {}

  readonly onTick = async (tick: Tick): Promise<void> => {
    const seen = { ...tick, started: Date.now(), finished: undefined as number | undefined };
    this.ticks.push(seen);
    this.most = Math.max(this.most, ++this.running);
    try {
      await this.work(tick);
    } finally {
      this.running--;
      seen.finished = Date.now();
    }
  };

  get due(): number[] {
    return this.ticks.filter((t) => !t.manual).map((t) => t.dueAt);
  }
}

/** Polls until `condition` holds; fails with `what` after a generous while (a busy machine is slow, not wrong). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Consecutive differences, each a whole number of periods and none zero (a doubled tick). */
export function expectOnGrid(due: readonly number[], periodMs: number): void {
  for (let i = 1; i < due.length; i++) {
    const gap = due[i]! - due[i - 1]!;
    expect(gap, `gap ${i} of ${due.join(', ')}`).toBeGreaterThan(0);
    expect(gap % periodMs, `gap ${i} of ${due.join(', ')}`).toBe(0);
  }
}

export function scheduleConformance(label: string, backend: ScheduleBackend): void {
  describe(`${label} schedules`, () => {
    const P = backend.periodMs;
    const open: ScheduleFactory[] = [];
    const factory = async (): Promise<ScheduleFactory> => {
      const f = await backend.open();
      open.push(f);
      return f;
    };
    const every = (everyMs: number, startDelayMs = 0, skipWhileRunning = true): ScheduleOptions => ({
      timing: { kind: 'every', everyMs, startDelayMs },
      skipWhileRunning,
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((f) => f.close()));
    });

    it('fires a fixed frequency once per period, on its grid', async () => {
      const f = await factory();
      const r = new Recorder();
      await f.run('app/poll', every(P), r.onTick);
      await until(() => r.ticks.length >= 5, '5 ticks');
      expectOnGrid(r.due, P);
    });

    it('waits the start delay before the first tick', async () => {
      const f = await factory();
      const r = new Recorder();
      const started = Date.now();
      await f.run('app/delayed', every(P, 4 * P), r.onTick);
      await until(() => r.ticks.length >= 1, 'the first tick');
      expect(r.ticks[0]!.dueAt).toBeGreaterThanOrEqual(started + 4 * P);
      // Redis may hand a delayed job over a few ms early, by the clocks of whoever computed the delay.
      expect(r.ticks[0]!.started).toBeGreaterThanOrEqual(started + 4 * P - 10);
    });

    it('fires a Quartz cron expression on its whole seconds, in its time zone', async () => {
      const f = await factory();
      const r = new Recorder();
      await f.run('app/cron', { timing: { kind: 'cron', expression: '* * * * * ?', timeZone: 'Asia/Kolkata' }, skipWhileRunning: true }, r.onTick);
      await until(() => r.ticks.length >= 2, '2 cron ticks');
      for (const due of r.due) expect(due % 1000).toBe(0);
      expectOnGrid(r.due, 1000);
    });

    it('says when the next tick is due', async () => {
      const f = await factory();
      const s = await f.run('app/state', every(60_000, 60_000), async () => {});
      const state = await s.state();
      expect(state.paused).toBe(false);
      expect(state.nextAt).toBeGreaterThan(Date.now() + 30_000);
    });

    it('skips a tick that comes while the previous one still runs, never queueing it', async () => {
      const f = await factory();
      const r = new Recorder(() => sleep(3.5 * P));
      await f.run('app/slow', every(P), r.onTick);
      await until(() => r.ticks.length >= 3 && r.running === 0, '3 slow ticks');
      expect(r.most).toBe(1);
      // Each tick was due after the one before it finished: none waited its turn.
      for (let i = 1; i < r.ticks.length; i++) expect(r.ticks[i]!.dueAt).toBeGreaterThanOrEqual(r.ticks[i - 1]!.finished!);
      expectOnGrid(r.due, P);
    });

    it('lets ticks overlap when skipWhileRunning is off', async () => {
      const f = await factory();
      const r = new Recorder(() => sleep(3.5 * P));
      await f.run('app/overlap', every(P, 0, false), r.onTick);
      await until(() => r.most >= 2, 'two ticks at once');
    });

    it('goes on after a tick rejects', async () => {
      const f = await factory();
      const r = new Recorder(async () => {
        throw new Error('flow failed');
      });
      await f.run('app/failing', every(P), r.onTick);
      await until(() => r.ticks.length >= 3, '3 ticks after failures');
    });

    it('pause stops the ticks until resume, without making up the ones missed', async () => {
      const f = await factory();
      const r = new Recorder();
      const s = await f.run('app/paused', every(P), r.onTick);
      await until(() => r.ticks.length >= 2, '2 ticks');
      await s.pause();
      expect(await s.state()).toEqual({ paused: true, nextAt: undefined });
      await sleep(P); // a tick in flight as pause came may still arrive
      const seen = r.ticks.length;
      await s.trigger(); // a manual tick while paused is dropped too
      await sleep(4 * P);
      expect(r.ticks.length).toBe(seen);
      const resumed = Date.now();
      await s.resume();
      expect((await s.state()).paused).toBe(false);
      await until(() => r.ticks.length >= seen + 2, '2 ticks after resume');
      for (const t of r.ticks.slice(seen)) expect(t.dueAt).toBeGreaterThanOrEqual(resumed - 1);
    });

    it('trigger fires one tick now, marked manual', async () => {
      const f = await factory();
      const r = new Recorder();
      const s = await f.run('app/manual', every(60_000, 60_000), r.onTick);
      await s.trigger();
      await until(() => r.ticks.length >= 1, 'the manual tick');
      await sleep(3 * P);
      expect(r.ticks).toHaveLength(1);
      expect(r.ticks[0]!.manual).toBe(true);
    });

    it('a second run of a name takes the ticks over: none doubled, and the first stop leaves it running', async () => {
      const f = await factory();
      const old = new Recorder();
      const next = new Recorder();
      const first = await f.run('app/reloaded', every(P), old.onTick);
      await until(() => old.ticks.length >= 2, '2 ticks of the old version');
      const second = await f.run('app/reloaded', every(P), next.onTick);
      const handedOver = old.ticks.length;
      await first.stop(1_000);
      await until(() => next.ticks.length >= 3, '3 ticks of the new version');
      expect(old.ticks.length).toBeLessThanOrEqual(handedOver + 1); // one may have been in flight
      expectOnGrid([...old.due, ...next.due], P);
      expect(f.running().get('app/reloaded')).toBe(second);
    });

    it('a second run with another timing applies it from then on', async () => {
      const f = await factory();
      const old = new Recorder();
      const next = new Recorder();
      const first = await f.run('app/retimed', every(P), old.onTick);
      await until(() => old.ticks.length >= 1, 'a tick of the old timing');
      await f.run('app/retimed', every(3 * P), next.onTick);
      await first.stop(1_000);
      await until(() => next.ticks.length >= 3, '3 ticks of the new timing');
      expectOnGrid(next.due, 3 * P);
    });

    it('stop ends the ticks in this runtime, after the tick in hand', async () => {
      const f = await factory();
      const r = new Recorder(() => sleep(2 * P));
      const s = await f.run('app/stopped', every(P), r.onTick);
      await until(() => r.running === 1, 'a tick in hand');
      await s.stop(10_000);
      expect(r.running).toBe(0);
      const seen = r.ticks.length;
      await sleep(4 * P);
      expect(r.ticks.length).toBe(seen);
      expect(f.running().has('app/stopped')).toBe(false);
    });

    it('stop waits no longer than its grace for a tick in hand', async () => {
      const f = await factory();
      const r = new Recorder(() => sleep(30_000));
      const s = await f.run('app/stuck', every(60_000), r.onTick);
      await until(() => r.running === 1, 'a tick in hand');
      await s.stop(100);
      expect(r.running).toBe(1);
    });

    it('refuses a timing that cannot run', async () => {
      const f = await factory();
      await expect(f.run('app/bad', { timing: { kind: 'cron', expression: '0 0 12 * * *' }, skipWhileRunning: true }, async () => {})).rejects.toThrow(
        'one of day-of-month and day-of-week must be ?',
      );
      await expect(
        f.run('app/bad-zone', { timing: { kind: 'cron', expression: '0 0 12 * * ?', timeZone: 'Nowhere/City' }, skipWhileRunning: true }, async () => {}),
      ).rejects.toThrow('is not a time zone');
    });

    it('close leaves no timer or socket open', async () => {
      const count = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;
      const before = count();
      const f = await backend.open();
      const handles: RunningSchedule[] = [];
      for (const name of ['app/a', 'app/b']) handles.push(await f.run(name, every(P), async () => {}));
      await f.close();
      await until(() => count() <= before, 'timers and sockets to close');
    });
  });
}
