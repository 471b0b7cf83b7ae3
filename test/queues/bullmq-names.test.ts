import { describe, expect, it } from 'vitest';
import { bullQueueName, flowrtQueueName } from '../../src/queues/bullmq-names.js';

describe('BullMQ queue names', () => {
  it('leaves the usual app/queue names alone', () => {
    expect(bullQueueName('orders/invoices')).toBe('orders/invoices');
  });

  it("maps ':' (which BullMQ refuses) and '%' reversibly, so names that differ stay apart", () => {
    const names = ['orders:vm:invoices', 'a%3Ab', 'a:b', '%', '%%3A:', 'ünïcode/é:€', ''];
    const mapped = names.map(bullQueueName);
    for (const m of mapped) expect(m).not.toContain(':');
    expect(new Set(mapped).size).toBe(names.length);
    expect(mapped.map(flowrtQueueName)).toEqual(names);
  });
});
