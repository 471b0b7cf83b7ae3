import { MemoryMessageQueue } from './memory-message-queue.js';
import type { MessageQueue, QueueFactory, QueueSettings } from './queue.js';
import { QueueUnavailableError } from './queue-errors.js';

/**
 * Queues in this process: what a runtime without Redis runs VM queues on. Messages live as long as
 * the process, whatever the queue's `persistent` says: a restart loses them.
 */
export class MemoryQueueFactory implements QueueFactory {
  readonly kind = 'memory';
  private readonly queues = new Map<string, MemoryMessageQueue>();
  private closed = false;

  open(name: string, settings: QueueSettings): MessageQueue {
    if (this.closed) throw new QueueUnavailableError('the memory queues are closed');
    const known = this.queues.get(name);
    // The same name is the same messages; a reload may have changed the settings.
    if (known) return known.configure(settings);
    const queue = new MemoryMessageQueue(name, settings);
    this.queues.set(name, queue);
    return queue;
  }

  opened(): ReadonlyMap<string, MessageQueue> {
    return this.queues;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values()) queue.close();
  }
}
