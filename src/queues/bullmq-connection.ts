import { Redis, ReplyError } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { sleep } from '../util/sleep.js';
import { withTimeout } from '../util/with-timeout.js';
import { describeRedisUrl } from '../util/redis-url.js';

/** Reconnect soon after a blip, and at least every second while Redis is away. */
const retryStrategy = (attempt: number): number => Math.min(attempt * 100, 1_000);

/**
 * The two connections a queue factory shares among its queues. `producer` carries publishes and
 * the admin operations: it queues nothing while Redis is away, so a publish fails fast instead of
 * landing later, after its caller was told it failed. `consumer` is what BullMQ's workers and
 * event readers run on (each duplicates it for its blocking reads): it waits for Redis to come
 * back, as BullMQ requires (`maxRetriesPerRequest: null`).
 */
export class RedisLink {
  /** `redis://host:port`: the server, safe to print. */
  readonly location: string;
  readonly producer: Redis;
  readonly consumer: Redis;
  /** The last connection error since a connection was last ready; undefined while they are fine. */
  private lastError: Error | undefined;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger | undefined,
  ) {
    this.location = describeRedisUrl(url);
    const common: RedisOptions = { connectTimeout: 1_000, retryStrategy, lazyConnect: false };
    this.producer = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 5_000 });
    this.consumer = new Redis(url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const redis of [this.producer, this.consumer]) {
      redis.on('error', (err: Error) => this.onError(err));
      redis.on('ready', () => this.onReady());
    }
  }

  /** PING until it answers or `timeoutMs` has passed; rejects with why it could not. */
  async ping(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await withTimeout(this.producer.ping(), Math.max(0, deadline - Date.now()), () => new Error(`no answer within ${timeoutMs} ms`));
        return;
      } catch (err) {
        if (err instanceof ReplyError || this.closed || deadline - Date.now() <= 100) throw err;
        await sleep(100);
      }
    }
  }

  /** A connection of its own, as the consumer one is, for what must be cut alone (a consumer's). */
  dedicated(): Redis {
    const redis = this.consumer.duplicate();
    redis.on('error', (err: Error) => this.onError(err));
    return redis;
  }

  /** A short reason for a failure: the connection's error code if there was one. */
  reason(err: unknown): string {
    if (err instanceof ReplyError) return (err as Error).message;
    const cause = this.lastError ?? (err instanceof Error ? err : undefined);
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code) return code;
    return cause?.message ?? String(err);
  }

  /** Whether the producer can send now (it queues nothing while it cannot). */
  get up(): boolean {
    return this.producer.status === 'ready';
  }

  /** Logs an error a BullMQ object reported: one about the connection only once per outage. */
  report(err: Error, where: string): void {
    if (this.closed) return;
    if (isConnectionFailure(err)) this.onError(err);
    else this.log?.warn({ redis: this.location, where, err: err.message }, 'queue error');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      [this.producer, this.consumer].map(async (redis) => {
        if (redis.status === 'ready') await Promise.race([redis.quit().catch(() => undefined), sleep(1_000)]);
        redis.disconnect();
      }),
    );
  }

  private onError(err: Error): void {
    const first = this.lastError === undefined;
    this.lastError = err;
    if (first && !this.closed) {
      this.log?.warn({ redis: this.location, err: this.reason(err) }, 'Redis connection failed; queues are unavailable until it is back');
    }
  }

  private onReady(): void {
    if (this.lastError !== undefined && this.producer.status === 'ready' && this.consumer.status === 'ready') {
      this.log?.info({ redis: this.location }, 'Redis connection is back');
      this.lastError = undefined;
    }
  }
}

/** Whether an error is Redis being away (or a closed connection), not something Redis answered. */
export function isConnectionFailure(err: unknown): boolean {
  if (err instanceof ReplyError) return false;
  const text = `${(err as NodeJS.ErrnoException | undefined)?.code ?? ''} ${err instanceof Error ? err.message : String(err)}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|Connection is closed|enableOfflineQueue|MaxRetriesPerRequest|max retries|timed out|Stream isn't writeable/i.test(
    text,
  );
}
