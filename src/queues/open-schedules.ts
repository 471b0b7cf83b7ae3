import type { Logger } from 'pino';
import { MemoryScheduleFactory } from './memory-schedule.js';
import type { ScheduleFactory } from './schedule.js';

/** The runtime's schedules: timers without a Redis URL, else BullMQ job schedulers. (BullMQ: being written, issue 16.) */
export async function openSchedules(redisUrl: string | undefined, options?: { log?: Logger }): Promise<ScheduleFactory> {
  void redisUrl;
  void options;
  return new MemoryScheduleFactory();
}
