import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Consumer, Delivery, Envelope, Handler, MessageQueue, QueueFactory, QueueSettings } from '../../src/queues/queue.js';
import { QueueFullError, QueueUnavailableError, ReplyFailure, ReplyTimeoutError } from '../../src/queues/queue-errors.js';

/**
 * What every QueueFactory does, memory or Redis: run as the body of a `describe` by
 * memory-queue.test.ts and bullmq-queue.redis.test.ts.
 */
export interface Adapter {
  readonly kind: 'memory' | 'redis';
  /** A factory of its own (a runtime); the suite closes it. */
  make(): Promise<QueueFactory>;
}

export function envelope(body: string): Envelope {
  return { body, correlationId: randomUUID(), publishedAt: Date.now() };
}

/** Polls until `condition` holds: outcomes, never deadlines (a busy machine may be slow). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Stats settle once the handlers have returned, a moment after what they recorded. */
async function settles(queue: MessageQueue, expected: Awaited<ReturnType<MessageQueue['stats']>>): Promise<void> {
  let last = await queue.stats();
  await eventually(
    async () => JSON.stringify((last = await queue.stats())) === JSON.stringify(expected),
    `stats ${JSON.stringify(expected)}, last ${JSON.stringify(last)}`,
    10_000,
  );
}

const RETRY = { attempts: 1, backoffMs: 0 };
const OPEN: QueueSettings = { persistent: true, maxOutstanding: 0 };

export function queueConformance(adapter: Adapter): void {
  let factory: QueueFactory;
  const consumers: Consumer[] = [];
  /** Handlers the tests hold, let go at the end so nothing is left running. */
  const held: (() => void)[] = [];
  const hold = () => new Promise<void>((resolve) => held.push(resolve));

  beforeAll(async () => {
    factory = await adapter.make();
  });
  afterAll(async () => {
    for (const release of held) release();
    await Promise.all(consumers.map((c) => c.stop(0)));
    await factory?.close();
  });

  /** A queue of its own for every test; the name has what BullMQ refuses in one (':'). */
  const fresh = (settings: Partial<QueueSettings> = {}): MessageQueue => factory.open(`app-${randomUUID()}:vm/q`, { ...OPEN, ...settings });
  const consume = (queue: MessageQueue, handler: Handler, concurrency = 1, retry = RETRY): Consumer => {
    const consumer = queue.consume(handler, { concurrency, retry });
    consumers.push(consumer);
    return consumer;
  };
  const collect = (queue: MessageQueue, seen: Delivery[], concurrency = 1): Consumer =>
    consume(
      queue,
      async (d) => {
        seen.push(d);
        return undefined;
      },
      concurrency,
    );

  it('says what kind it is', () => {
    expect(factory.kind).toBe(adapter.kind);
  });

  it('delivers a message with its body, correlation id and timestamp unchanged, as attempt 1', async () => {
    const queue = fresh();
    const sent = { body: '{"order":42,"note":"crème brûlée ☕\\n"}\n\u0000end', correlationId: 'corr-1', publishedAt: 1_700_000_000_123 };
    const id = await queue.publish(sent, 5_000);
    const seen: Delivery[] = [];
    collect(queue, seen);
    await eventually(() => seen.length === 1, 'the delivery');
    expect(seen[0]).toEqual({ ...sent, id, attempt: 1, request: false });
  });

  it('delivers in publish order to a consumer of concurrency 1', async () => {
    const queue = fresh();
    for (let i = 0; i < 10; i++) await queue.publish(envelope(`m${i}`), 5_000);
    const seen: Delivery[] = [];
    collect(queue, seen);
    await eventually(() => seen.length === 10, 'ten deliveries');
    expect(seen.map((d) => d.body)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });

  it('hands a consumer up to `concurrency` messages at once, never more', async () => {
    const queue = fresh();
    let now = 0;
    let most = 0;
    let done = 0;
    consume(
      queue,
      async () => {
        most = Math.max(most, ++now);
        await sleep(300);
        now--;
        done++;
        return undefined;
      },
      3,
    );
    for (let i = 0; i < 9; i++) await queue.publish(envelope(`m${i}`), 5_000);
    await eventually(() => done === 9, 'nine messages handled');
    expect(most).toBe(3);
  });

  it('gives each message to exactly one of several consumers', async () => {
    const queue = fresh();
    const seen: Delivery[] = [];
    for (let i = 0; i < 3; i++) collect(queue, seen, 2);
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => queue.publish(envelope(`m${i}`), 5_000)));
    await eventually(() => seen.length >= 30, 'thirty deliveries');
    await sleep(200);
    expect(seen.map((d) => d.id).sort()).toEqual([...ids].sort());
  });

  it('retries a failing message with a doubling backoff, then dead-letters it with the last error', async () => {
    const queue = fresh();
    const sent = envelope('always fails');
    const id = await queue.publish(sent, 5_000);
    const tries: { attempt: number; at: number }[] = [];
    consume(
      queue,
      async (d) => {
        tries.push({ attempt: d.attempt, at: Date.now() });
        throw new Error(`boom ${d.attempt}`);
      },
      1,
      { attempts: 3, backoffMs: 200 },
    );
    await eventually(async () => (await queue.stats()).deadLetters === 1, 'the dead letter');
    expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
    // At least the backoff (timers may fire a few ms early against Date.now()).
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(180);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(380);
    const [letter, ...more] = await queue.deadLetters();
    expect(more).toEqual([]);
    expect(letter).toMatchObject({ ...sent, id, attempt: 3, reason: 'boom 3' });
    expect(letter!.failedAt).toBeGreaterThanOrEqual(tries[2]!.at);
    await settles(queue, { waiting: 0, active: 0, deadLetters: 1 });
  });

  it('does not dead-letter a message that succeeds on a retry', async () => {
    const queue = fresh();
    await queue.publish(envelope('flaky'), 5_000);
    const seen: number[] = [];
    consume(
      queue,
      async (d) => {
        seen.push(d.attempt);
        if (d.attempt === 1) throw new Error('not yet');
        return undefined;
      },
      1,
      { attempts: 3, backoffMs: 20 },
    );
    await eventually(() => seen.length === 2, 'the retry');
    await settles(queue, { waiting: 0, active: 0, deadLetters: 0 });
    expect(seen).toEqual([1, 2]);
  });

  it('replays dead letters, by id or all, for a fresh round of attempts', async () => {
    const queue = fresh();
    let failing = true;
    const seen: Delivery[] = [];
    consume(queue, async (d) => {
      seen.push(d);
      if (failing) throw new Error('down');
      return undefined;
    });
    const first = await queue.publish(envelope('one'), 5_000);
    await queue.publish(envelope('two'), 5_000);
    await eventually(async () => (await queue.stats()).deadLetters === 2, 'two dead letters');
    failing = false;
    expect(await queue.replay(['no-such-id'])).toBe(0);
    expect(await queue.replay([first])).toBe(1);
    await eventually(() => seen.length === 3, 'the replayed one');
    expect(seen[2]).toMatchObject({ id: first, body: 'one', attempt: 1 });
    expect((await queue.deadLetters()).map((l) => l.body)).toEqual(['two']);
    expect(await queue.replay()).toBe(1);
    await eventually(() => seen.length === 4, 'the other replayed one');
    expect(seen[3]).toMatchObject({ body: 'two', attempt: 1 });
    await settles(queue, { waiting: 0, active: 0, deadLetters: 0 });
  });

  it('lists dead letters newest first, up to a limit, and purges them by id or all', async () => {
    const queue = fresh();
    consume(queue, async () => {
      throw new Error('no');
    });
    const ids = [];
    for (const body of ['a', 'b', 'c']) {
      ids.push(await queue.publish(envelope(body), 5_000));
      await eventually(async () => (await queue.stats()).deadLetters === ids.length, 'the dead letter');
      await sleep(5); // apart by a millisecond at least
    }
    expect((await queue.deadLetters()).map((l) => l.body)).toEqual(['c', 'b', 'a']);
    expect((await queue.deadLetters(2)).map((l) => l.body)).toEqual(['c', 'b']);
    expect(await queue.purge([ids[1]!, 'no-such-id'])).toBe(1);
    expect((await queue.deadLetters()).map((l) => l.body).sort()).toEqual(['a', 'c']);
    expect(await queue.purge()).toBe(2);
    expect(await queue.deadLetters()).toEqual([]);
    expect(await queue.replay()).toBe(0);
    await settles(queue, { waiting: 0, active: 0, deadLetters: 0 });
  });

  it("answers a request with the handler's reply: text, empty or none", async () => {
    const queue = fresh();
    consume(queue, async (d) => (!d.request ? 'not a request' : d.body === 'none' ? undefined : d.body === 'empty' ? '' : `re: ${d.body}`), 2);
    expect(await queue.request(envelope('hello'), 5_000)).toBe('re: hello');
    expect(await queue.request(envelope('empty'), 5_000)).toBe('');
    expect(await queue.request(envelope('none'), 5_000)).toBeUndefined();
    // Each its own reply, however soon after the publish the reply comes.
    for (let i = 0; i < 20; i++) expect(await queue.request(envelope(`n${i}`), 5_000)).toBe(`re: n${i}`);
  });

  it("fails a request with the handler's error, delivered once: no retry, no dead letter", async () => {
    const queue = fresh();
    let calls = 0;
    consume(
      queue,
      async () => {
        calls++;
        throw new Error('no stock');
      },
      1,
      { attempts: 3, backoffMs: 20 },
    );
    const failure = await queue.request(envelope('order'), 5_000).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ReplyFailure);
    expect((failure as ReplyFailure).reason).toBe('no stock');
    await sleep(300);
    expect(calls).toBe(1);
    await settles(queue, { waiting: 0, active: 0, deadLetters: 0 });
  });

  it('times out a request nobody answers, and does not deliver it afterwards', async () => {
    const queue = fresh();
    await expect(queue.request(envelope('too late'), 300)).rejects.toBeInstanceOf(ReplyTimeoutError);
    const seen: Delivery[] = [];
    collect(queue, seen);
    await queue.publish(envelope('marker'), 5_000);
    await eventually(() => seen.length > 0, 'the marker');
    await sleep(100);
    expect(seen.map((d) => d.body)).toEqual(['marker']);
  });

  it('takes the first waiting message, which is gone afterwards, and nothing from an empty queue', async () => {
    const queue = fresh();
    expect(await queue.take(200)).toBeUndefined();
    const sent = envelope('first');
    const id = await queue.publish(sent, 5_000);
    await queue.publish(envelope('second'), 5_000);
    expect(await queue.take(1_000)).toEqual({ ...sent, id, attempt: 1, request: false });
    expect((await queue.take(1_000))?.body).toBe('second');
    expect(await queue.take(100)).toBeUndefined();
    expect(await queue.stats()).toEqual({ waiting: 0, active: 0, deadLetters: 0 });
  });

  it('takes a message published while it waits, and concurrent takes get one message each', async () => {
    const queue = fresh();
    const taking = queue.take(10_000);
    await sleep(100);
    await queue.publish(envelope('late'), 5_000);
    expect((await taking)?.body).toBe('late');
    for (let i = 0; i < 5; i++) await queue.publish(envelope(`m${i}`), 5_000);
    const taken = await Promise.all(Array.from({ length: 6 }, () => queue.take(500)));
    expect(taken.map((d) => d?.body ?? 'none').sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'none']);
  });

  it('holds a publish while maxOutstanding messages wait: QueueFullError at the timeout, or in once there is room', async () => {
    const queue = fresh({ maxOutstanding: 2 });
    await queue.publish(envelope('a'), 5_000);
    await queue.publish(envelope('b'), 5_000);
    await expect(queue.publish(envelope('c'), 300)).rejects.toBeInstanceOf(QueueFullError);
    const publishing = queue.publish(envelope('d'), 10_000);
    await sleep(100);
    expect((await queue.take(1_000))?.body).toBe('a');
    await publishing;
    expect((await queue.stats()).waiting).toBe(2);
  });

  it('counts waiting and active messages', async () => {
    const queue = fresh();
    for (let i = 0; i < 3; i++) await queue.publish(envelope(`m${i}`), 5_000);
    expect(await queue.stats()).toEqual({ waiting: 3, active: 0, deadLetters: 0 });
    consume(queue, async () => {
      await hold();
      return undefined;
    });
    await settles(queue, { waiting: 2, active: 1, deadLetters: 0 });
  });

  it('stops: the message in hand finishes within the grace, and no more are taken', async () => {
    const queue = fresh();
    const finished: string[] = [];
    const consumer = consume(queue, async (d) => {
      await sleep(200);
      finished.push(d.body);
      return undefined;
    });
    await queue.publish(envelope('in hand'), 5_000);
    await eventually(async () => (await queue.stats()).active === 1, 'the message in hand');
    await consumer.stop(10_000);
    expect(finished).toEqual(['in hand']);
    await queue.publish(envelope('after'), 5_000);
    await sleep(300);
    expect(finished).toEqual(['in hand']);
    expect(await queue.stats()).toEqual({ waiting: 1, active: 0, deadLetters: 0 });
  });

  it('gives a message still in hand after the grace to another consumer, not as a failed attempt', async () => {
    const queue = fresh();
    const first = consume(queue, async () => {
      await hold();
      return undefined;
    });
    const id = await queue.publish(envelope('stuck'), 5_000);
    await eventually(async () => (await queue.stats()).active === 1, 'the message in hand');
    await first.stop(100);
    const seen: Delivery[] = [];
    collect(queue, seen);
    await eventually(() => seen.length === 1, 'the redelivery');
    expect(seen[0]).toMatchObject({ id, body: 'stuck', attempt: 1 });
    expect((await queue.stats()).deadLetters).toBe(0);
  });

  it('keeps queues by the name given: the same name is the same messages, names that differ are apart', async () => {
    const name = `app-${randomUUID()}:vm/a%3Ab`;
    const queue = factory.open(name, OPEN);
    expect(factory.open(name, OPEN)).toBe(queue);
    expect(factory.opened().get(name)).toBe(queue);
    const other = factory.open(name.replace('%3A', ':'), OPEN);
    await queue.publish(envelope('here'), 5_000);
    expect(await other.take(100)).toBeUndefined();
    expect((await factory.open(name, OPEN).take(1_000))?.body).toBe('here');
  });

  it('closes: consumers stop, and publishing afterwards rejects', async () => {
    const own = await adapter.make();
    const queue = own.open(`app-${randomUUID()}:vm/q`, OPEN);
    const seen: Delivery[] = [];
    queue.consume(
      async (d) => {
        seen.push(d);
        return undefined;
      },
      { concurrency: 1, retry: RETRY },
    );
    await queue.publish(envelope('before'), 5_000);
    await eventually(() => seen.length === 1, 'the delivery');
    await own.close();
    await expect(queue.publish(envelope('after'), 1_000)).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(() => own.open('another', OPEN)).toThrow(QueueUnavailableError);
  });
}
