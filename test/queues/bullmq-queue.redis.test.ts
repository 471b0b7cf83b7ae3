import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { connectBullQueues } from '../../src/queues/bullmq-factory.js';
import { queueConformance } from './queue-conformance.js';

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key this file makes is under it, and deleted at the end. */
const PREFIX = `flowrt-test:${randomUUID()}`;
/** Short locks: a message held by a stopped or dead consumer goes back in seconds. */
const LOCK_MS = 1_000;

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('redis queues (BullMQ)', () => {
  queueConformance({ kind: 'redis', make: () => connectBullQueues(REDIS_URL, { prefix: PREFIX, lockMs: LOCK_MS }) });
});
