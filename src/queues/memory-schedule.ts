import type { Logger } from 'pino';
import type { RunningSchedule, ScheduleFactory, ScheduleOptions, Tick } from './schedule.js';
import type { HandleOwner } from './schedule-handle.js';
import { ScheduleHandle } from './schedule-handle.js';
import { nextCron, nextOnGrid, sameCadence, timingProblem } from './timing.js';

/** setTimeout's longest delay; a later tick is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Schedules in this process, on timers: what a runtime without Redis runs its schedulers on. */
export class MemoryScheduleFactory implements ScheduleFactory {
  readonly kind = 'memory';
  private readonly schedules = new Map<string, LocalSchedule>();

  constructor(private readonly options: { readonly log?: Logger } = {}) {}

  async run(name: string, options: ScheduleOptions, onTick: (tick: Tick) => Promise<void>): Promise<RunningSchedule> {
    const problem = timingProblem(options.timing);
    if (problem) throw new Error(`schedule ${name}: ${problem}`);
    let schedule = this.schedules.get(name);
    if (schedule) schedule.retime(options);
    else this.schedules.set(name, (schedule = new LocalSchedule(name, options, this.options.log, () => this.schedules.delete(name))));
    return schedule.hand(new ScheduleHandle(schedule, onTick, this.options.log, name));
  }

  running(): ReadonlyMap<string, RunningSchedule> {
    const current = new Map<string, RunningSchedule>();
    for (const [name, schedule] of this.schedules) if (schedule.current) current.set(name, schedule.current);
    return current;
  }

  async close(): Promise<void> {
    await Promise.all([...this.schedules.values()].map((s) => s.end(0)));
    this.schedules.clear();
  }
}

/** One schedule's timer: it fires the current handle, and goes on across handles. */
class LocalSchedule implements HandleOwner {
  current?: ScheduleHandle;
  private timer?: NodeJS.Timeout;
  private nextAt?: number;
  private paused = false;
  /** Ticks running now, of whichever handle: a new version skips while an old one's tick runs. */
  private running = 0;
  /** A due time of the fixed-frequency grid: pauses and late timers keep to it. */
  private phase = 0;

  constructor(
    private readonly name: string,
    private options: ScheduleOptions,
    private readonly log: Logger | undefined,
    private readonly forget: () => void,
  ) {
    this.plan(this.first(Date.now()));
  }

  hand(handle: ScheduleHandle): ScheduleHandle {
    this.current = handle;
    return handle;
  }

  /** A new version's options: a changed timing applies from now on, as if the schedule started now. */
  retime(options: ScheduleOptions): void {
    const changed = !sameCadence(this.options.timing, options.timing);
    this.options = options;
    if (!changed) return;
    const first = this.first(Date.now());
    if (!this.paused) this.plan(first);
  }

  async trigger(): Promise<void> {
    if (!this.paused) this.fire({ dueAt: Date.now(), manual: true });
  }

  async pause(): Promise<void> {
    this.paused = true;
    this.plan(undefined);
  }

  async resume(): Promise<void> {
    if (!this.paused) return;
    this.paused = false;
    // Ticks due while paused are not made up: the next one is the next on the timing.
    this.plan(this.after(Date.now()));
  }

  async state(): Promise<{ readonly paused: boolean; readonly nextAt?: number }> {
    return { paused: this.paused, nextAt: this.paused ? undefined : this.nextAt };
  }

  async release(handle: ScheduleHandle, graceMs: number): Promise<void> {
    if (handle === this.current) await this.end(graceMs);
    else await handle.drained(graceMs);
  }

  async end(graceMs: number): Promise<void> {
    const handle = this.current;
    this.current = undefined;
    this.plan(undefined);
    this.forget();
    await handle?.drained(graceMs);
  }

  private first(now: number): number | undefined {
    const { timing } = this.options;
    if (timing.kind === 'cron') return nextCron(timing.expression, timing.timeZone, now - 1);
    this.phase = now + timing.startDelayMs;
    return this.phase;
  }

  /** The next due time after `due` that is not in the past: missed ones are skipped, not made up. */
  private after(due: number): number | undefined {
    const { timing } = this.options;
    const now = Math.max(Date.now(), due);
    if (timing.kind === 'cron') return nextCron(timing.expression, timing.timeZone, now);
    return nextOnGrid(this.phase, timing.everyMs, now);
  }

  private plan(at: number | undefined): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = at;
    if (at !== undefined) this.arm();
  }

  private arm(): void {
    const wait = this.nextAt! - Date.now();
    this.timer = wait > MAX_TIMER_MS ? setTimeout(() => this.arm(), MAX_TIMER_MS) : setTimeout(() => this.due(), Math.max(0, wait));
  }

  private due(): void {
    const dueAt = this.nextAt!;
    // Timers keep a monotonic clock and may wake a millisecond before Date.now() reaches the time.
    if (Date.now() < dueAt) return this.arm();
    this.plan(this.after(dueAt));
    this.fire({ dueAt, manual: false });
  }

  private fire(tick: Tick): void {
    const handle = this.current;
    if (!handle) return;
    if (this.options.skipWhileRunning && this.running > 0) {
      this.log?.debug({ schedule: this.name, dueAt: tick.dueAt }, 'schedule tick skipped: the previous one still runs');
      return;
    }
    this.running++;
    void handle.run(tick).finally(() => this.running--);
  }
}
