import type { MessageQueue, QueueFactory, QueueSettings } from './queue.js';

/** Queues in this process. (Being written: see issue 16.) */
export class MemoryQueueFactory implements QueueFactory {
  readonly kind = 'memory';
  private readonly queues = new Map<string, MessageQueue>();

  open(name: string, settings: QueueSettings): MessageQueue {
    throw new Error(`memory queue ${name} (${settings.persistent}) is not written yet`);
  }

  opened(): ReadonlyMap<string, MessageQueue> {
    return this.queues;
  }

  async close(): Promise<void> {}
}
