import { RedisLink } from './bullmq-connection.js';
import { BullMessageQueue } from './bullmq-queue.js';
import { DEFAULT_LOCK_MS, DEFAULT_MAX_STALLS, DEFAULT_PREFIX } from './bullmq-setup.js';
import type { BullQueueOptions, BullSetup } from './bullmq-setup.js';
import type { MessageQueue, QueueFactory, QueueSettings } from './queue.js';
import { QueueUnavailableError } from './queue-errors.js';

/** How long `connectBullQueues` keeps trying to PING before it gives up. */
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * Queues in Redis, on BullMQ: every runtime that opens a name shares its messages, and a message
 * outlives the runtime that published it and the one that was handling it. Every queue lives
 * here, transient ones too: as in a Mule cluster, whose memory grid holds both kinds.
 */
export class BullQueueFactory implements QueueFactory {
  readonly kind = 'redis';
  private readonly queues = new Map<string, BullMessageQueue>();
  private closed = false;

  constructor(private readonly setup: BullSetup) {}

  /** `redis://host:port`: the server, safe to print. */
  get location(): string {
    return this.setup.link.location;
  }

  open(name: string, settings: QueueSettings): MessageQueue {
    if (this.closed) throw new QueueUnavailableError(`the queues in ${this.location} are closed`);
    const known = this.queues.get(name);
    // The same name is the same messages; a reload may have changed the settings.
    if (known) return known.configure(settings);
    const queue = new BullMessageQueue(name, settings, this.setup);
    this.queues.set(name, queue);
    return queue;
  }

  opened(): ReadonlyMap<string, MessageQueue> {
    return this.queues;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.setup.link.close();
  }
}

/**
 * A BullMQ queue factory whose Redis answered a PING: throws `cannot reach Redis at
 * redis://host:port: ECONNREFUSED` (a `QueueUnavailableError`) within ~3 s when it cannot.
 */
export async function connectBullQueues(url: string, options: BullQueueOptions = {}): Promise<BullQueueFactory> {
  const link = new RedisLink(url, options.log);
  try {
    await link.ping(options.timeoutMs ?? CONNECT_TIMEOUT_MS);
  } catch (err) {
    const reason = link.reason(err);
    await link.close();
    throw new QueueUnavailableError(`cannot reach Redis at ${link.location}: ${reason}`, { cause: err });
  }
  options.log?.info({ redis: link.location }, 'queues in Redis');
  return new BullQueueFactory({
    link,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    lockMs: options.lockMs ?? DEFAULT_LOCK_MS,
    maxStalls: options.maxStalls ?? DEFAULT_MAX_STALLS,
    log: options.log,
  });
}
