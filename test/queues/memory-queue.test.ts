import { describe, expect, it } from 'vitest';
import { MemoryQueueFactory } from '../../src/queues/memory-queue.js';
import { openQueues } from '../../src/queues/open-queues.js';
import { queueConformance } from './queue-conformance.js';

describe('memory queues', () => {
  queueConformance({ kind: 'memory', make: async () => new MemoryQueueFactory() });
});

describe('openQueues without a Redis URL', () => {
  it('opens memory queues', async () => {
    const factory = await openQueues(undefined);
    expect(factory).toBeInstanceOf(MemoryQueueFactory);
    await factory.close();
  });
});
