/**
 * Schedules: what the `scheduler` source runs on. A schedule fires ticks; in a cluster each tick is
 * handled by exactly one runtime (BullMQ job schedulers on Redis), in one process by a timer. Same
 * interface, two adapters, one conformance suite (test/queues/).
 */

/** When a schedule fires. */
export type Timing =
  /** Mule's fixed-frequency: every `everyMs`, the first `startDelayMs` after the schedule starts. */
  | { readonly kind: 'every'; readonly everyMs: number; readonly startDelayMs: number }
  /** Mule's cron: a Quartz expression (seconds first, `?`, `L`, `W`, `#`), in `timeZone` (IANA; default the runtime's). */
  | { readonly kind: 'cron'; readonly expression: string; readonly timeZone?: string };

/** One firing. */
export interface Tick {
  /** When it was due, ms since the epoch. */
  readonly dueAt: number;
  /** True when it came from `trigger` (admin API, CLI) rather than the timing. */
  readonly manual: boolean;
}

export interface ScheduleOptions {
  readonly timing: Timing;
  /**
   * The scheduler's `disallowConcurrentExecution` (Mule's default: false, ticks may overlap): a
   * tick that comes while the previous one still runs (anywhere in the cluster) is skipped, not
   * queued.
   */
  readonly skipWhileRunning: boolean;
}

/** A running schedule, as one runtime sees it. */
export interface RunningSchedule {
  /** Fires a tick now, outside the timing (runs on one runtime, like any tick). */
  trigger(): Promise<void>;
  /** Stops ticking on every runtime until `resume`; a tick running now finishes. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Whether it is paused, and when the next tick is due (undefined when paused). */
  state(): Promise<{ readonly paused: boolean; readonly nextAt?: number }>;
  /**
   * Stops this runtime taking ticks; a tick in hand finishes (up to `graceMs`). The schedule
   * itself goes on for the other runtimes (and for the next version after a reload).
   */
  stop(graceMs: number): Promise<void>;
}

/** Opens schedules by name; a runtime has one, shared by its apps and their reloads. */
export interface ScheduleFactory {
  readonly kind: 'memory' | 'redis';
  /**
   * Starts running `onTick` for the schedule `name` (scoped by the caller, e.g. `orders:poll`).
   * Opening a name again with a changed timing replaces the timing for every runtime, without a
   * doubled or a lost tick. `onTick` rejecting is logged by the caller; the schedule goes on.
   */
  run(name: string, options: ScheduleOptions, onTick: (tick: Tick) => Promise<void>): Promise<RunningSchedule>;
  /** The schedules this runtime runs, by name (for the admin API). */
  running(): ReadonlyMap<string, RunningSchedule>;
  close(): Promise<void>;
}
