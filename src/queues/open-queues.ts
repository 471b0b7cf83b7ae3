import type { BullQueueOptions } from './bullmq-setup.js';
import { MemoryQueueFactory } from './memory-queue.js';
import type { QueueFactory } from './queue.js';

/**
 * The runtime's queues: memory without a Redis URL, else BullMQ on it, checked with a PING first
 * so a wrong URL fails at start with `cannot reach Redis at redis://host:port: …`.
 */
export async function openQueues(redisUrl: string | undefined, options?: BullQueueOptions): Promise<QueueFactory> {
  if (redisUrl === undefined) return new MemoryQueueFactory();
  // Imported only here: loading BullMQ takes a third of a second a runtime without Redis need not spend.
  const { connectBullQueues } = await import('./bullmq-factory.js');
  return connectBullQueues(redisUrl, options);
}
