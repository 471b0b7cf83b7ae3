import type { RunningSchedule, ScheduleFactory, ScheduleOptions, Tick } from './schedule.js';

/** Schedules in this process. (Being written: see issue 16.) */
export class MemoryScheduleFactory implements ScheduleFactory {
  readonly kind = 'memory';
  private readonly schedules = new Map<string, RunningSchedule>();

  async run(name: string, options: ScheduleOptions, onTick: (tick: Tick) => Promise<void>): Promise<RunningSchedule> {
    void options;
    void onTick;
    throw new Error(`memory schedule ${name} is not written yet`);
  }

  running(): ReadonlyMap<string, RunningSchedule> {
    return this.schedules;
  }

  async close(): Promise<void> {}
}
