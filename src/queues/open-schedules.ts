import type { BullScheduleOptions } from './bullmq-schedule.js';
import { MemoryScheduleFactory } from './memory-schedule.js';
import type { ScheduleFactory } from './schedule.js';

/**
 * The runtime's schedules: timers in this process without a Redis URL, else BullMQ job
 * schedulers on it, firing once per cluster; the Redis is checked with a PING first, so a wrong
 * URL fails at start with `cannot reach Redis at redis://host:port: …`.
 */
export async function openSchedules(redisUrl: string | undefined, options?: BullScheduleOptions): Promise<ScheduleFactory> {
  if (redisUrl === undefined) return new MemoryScheduleFactory(options);
  // Imported only here: loading BullMQ takes a third of a second a runtime without Redis need not spend.
  const { connectSchedules } = await import('./bullmq-schedule.js');
  return connectSchedules(redisUrl, options);
}
