import type { Logger } from 'pino';
import type { RunningSchedule, Tick } from './schedule.js';

/** What a schedule of an adapter does for the handles it hands out. */
export interface HandleOwner {
  trigger(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  state(): Promise<{ readonly paused: boolean; readonly nextAt?: number }>;
  /** `handle` lets go: the schedule stops in this process if it is the current one. */
  release(handle: ScheduleHandle, graceMs: number): Promise<void>;
}

/**
 * One `run` of a schedule: the ticks go to the latest handle of a name, so a reload's new version
 * takes over from the old one without a tick doubled or lost, and the old handle's `stop` only
 * waits for the ticks it still runs.
 */
export class ScheduleHandle implements RunningSchedule {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly owner: HandleOwner,
    private readonly onTick: (tick: Tick) => Promise<void>,
    private readonly log: Logger | undefined,
    private readonly name: string,
  ) {}

  trigger(): Promise<void> {
    return this.owner.trigger();
  }

  pause(): Promise<void> {
    return this.owner.pause();
  }

  resume(): Promise<void> {
    return this.owner.resume();
  }

  state(): Promise<{ readonly paused: boolean; readonly nextAt?: number }> {
    return this.owner.state();
  }

  stop(graceMs: number): Promise<void> {
    return this.owner.release(this, graceMs);
  }

  /** Runs one tick; never rejects (the caller logs what its own `onTick` throws). */
  run(tick: Tick): Promise<void> {
    const running = this.onTick(tick)
      .catch((err: unknown) => this.log?.debug({ schedule: this.name, err }, 'schedule tick rejected'))
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
    return running;
  }

  /** Resolves once the ticks this handle runs have finished (true), or `graceMs` has passed (false). */
  async drained(graceMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, graceMs))));
    const done = Promise.allSettled([...this.inFlight]).then(() => true as const);
    const finished = await Promise.race([done, late]);
    clearTimeout(timer);
    return finished;
  }
}
