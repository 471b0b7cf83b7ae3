import type { Logger } from 'pino';
import { MemoryQueueFactory } from './memory-queue.js';
import type { QueueFactory } from './queue.js';

/** The runtime's queues: memory without a Redis URL, else BullMQ on it. (BullMQ: being written, issue 16.) */
export async function openQueues(redisUrl: string | undefined, options?: { log?: Logger }): Promise<QueueFactory> {
  void redisUrl;
  void options;
  return new MemoryQueueFactory();
}
