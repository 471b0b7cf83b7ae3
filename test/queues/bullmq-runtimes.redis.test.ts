import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectBullQueues } from '../../src/queues/bullmq-factory.js';
import type { BullQueueFactory } from '../../src/queues/bullmq-factory.js';
import { bullQueueName } from '../../src/queues/bullmq-names.js';
import { openQueues } from '../../src/queues/open-queues.js';
import type { Delivery, MessageQueue } from '../../src/queues/queue.js';
import { QueueUnavailableError } from '../../src/queues/queue-errors.js';
import type { OwnRedis } from '../helpers/redis-server.js';
import { ownRedis } from '../helpers/redis-server.js';
import { envelope, eventually } from './queue-conformance.js';

/*
 * Queues on Redis as several runtimes use them: shared, surviving a runtime's death (SIGKILL, in a
 * child process) and Redis restarting.
 */

const REDIS_URL = process.env.FLOWRT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `flowrt-test:${randomUUID()}`;
const LOCK_MS = 1_000;
const SETTINGS = { persistent: true, maxOutstanding: 0 };
const RETRY = { attempts: 1, backoffMs: 0 };
const HOLDING_CONSUMER = fileURLToPath(new URL('./fixtures/holding-consumer.mjs', import.meta.url));

const factories: BullQueueFactory[] = [];
const children: ChildProcess[] = [];
let own: OwnRedis | undefined;

/** A runtime: a factory of its own on the test's Redis. */
async function runtime(url = REDIS_URL): Promise<BullQueueFactory> {
  const factory = await connectBullQueues(url, { prefix: PREFIX, lockMs: LOCK_MS });
  factories.push(factory);
  return factory;
}

function collect(queue: MessageQueue, seen: Delivery[], concurrency = 2): void {
  queue.consume(
    async (d) => {
      await sleep(10);
      seen.push(d);
      return undefined;
    },
    { concurrency, retry: RETRY },
  );
}

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(factories.splice(0).map((f) => f.close()));
  await own?.stop();
  own = undefined;
});
afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('BullMQ queues shared by runtimes', () => {
  it('gives each message to exactly one of two runtimes sharing the queue', async () => {
    const name = `orders-${randomUUID()}:vm/invoices`;
    const [a, b] = [await runtime(), await runtime()];
    const [inA, inB] = [a.open(name, SETTINGS), b.open(name, SETTINGS)];
    const seenA: Delivery[] = [];
    const seenB: Delivery[] = [];
    collect(inA, seenA);
    collect(inB, seenB);
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? inA : inB).publish(envelope(`m${i}`), 5_000)));
    await eventually(() => seenA.length + seenB.length >= 40, 'forty deliveries');
    await sleep(300);
    expect([...seenA, ...seenB].map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(seenA.length).toBeGreaterThan(0);
    expect(seenB.length).toBeGreaterThan(0);
  });

  it('hands the messages a killed runtime held to another, each exactly once, none dead-lettered', async () => {
    const name = `orders-${randomUUID()}:vm/invoices`;
    const child = spawn(process.execPath, [HOLDING_CONSUMER, REDIS_URL, PREFIX, name, String(LOCK_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    await eventually(() => out.includes('consuming'), 'the child to consume');
    const queue = (await runtime()).open(name, SETTINGS);
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await queue.publish(envelope(`m${i}`), 5_000));
    await eventually(() => out.match(/held /g)?.length === 3, 'the child to hold three');
    const heldByChild = [...out.matchAll(/held (\S+)/g)].map((m) => m[1]);
    child.kill('SIGKILL');
    const seen: Delivery[] = [];
    collect(queue, seen);
    await eventually(() => seen.length >= 10, 'every message');
    await sleep(LOCK_MS * 2); // stall checks go on: nothing comes twice
    expect(seen.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(seen.filter((d) => heldByChild.includes(d.id)).map((d) => d.attempt)).toEqual([1, 1, 1]);
    expect(await queue.stats()).toEqual({ waiting: 0, active: 0, deadLetters: 0 });
  });

  it('rejects publishes while Redis is down, and publishes and consumes again once it is back', async () => {
    own = await ownRedis();
    const factory = await runtime(own.url);
    const queue = factory.open(`orders-${randomUUID()}:vm/q`, SETTINGS);
    const seen: Delivery[] = [];
    collect(queue, seen);
    await queue.publish(envelope('before'), 5_000);
    await eventually(() => seen.length === 1, 'the first delivery');

    await own.kill();
    await expect(queue.publish(envelope('while down'), 500)).rejects.toBeInstanceOf(QueueUnavailableError);
    await expect(queue.request(envelope('while down'), 500)).rejects.toBeInstanceOf(QueueUnavailableError);

    await own.restart(); // empty: no persistence
    await eventually(
      () =>
        queue.publish(envelope('after'), 1_000).then(
          () => true,
          () => false,
        ),
      'a publish to go through',
    );
    await eventually(() => seen.some((d) => d.body === 'after'), 'the consumer to resume');
    await queue.publish(envelope('taken'), 5_000);
    await eventually(() => seen.length === 3, 'the consumer to take it');
    expect(seen.map((d) => d.body)).toEqual(['before', 'after', 'taken']);
  });

  it('leaves nothing of a handled message in Redis', async () => {
    const name = `orders-${randomUUID()}:vm/q`;
    const queue = (await runtime()).open(name, SETTINGS);
    const seen: Delivery[] = [];
    collect(queue, seen);
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => queue.publish(envelope(`m${i}`), 5_000)));
    await eventually(() => seen.length === 5, 'five deliveries');
    const redis = new Redis(REDIS_URL);
    try {
      await eventually(async () => (await redis.exists(...ids.map((id) => `${PREFIX}:${bullQueueName(name)}:${id}`))) === 0, 'the jobs to be removed');
      expect(await redis.zcard(`${PREFIX}:${bullQueueName(name)}:completed`)).toBe(0);
    } finally {
      await redis.quit();
    }
  });

  it('fails at start when Redis cannot be reached, naming the server but not the password', async () => {
    const failure = await openQueues('redis://flowrt:s3cret-Pa55@127.0.0.1:1', { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueueUnavailableError);
    expect((failure as Error).message).toBe('cannot reach Redis at redis://127.0.0.1:1: ECONNREFUSED');
    const factory = await openQueues(REDIS_URL, { prefix: PREFIX });
    expect(factory.kind).toBe('redis');
    await factory.close();
  });
});
