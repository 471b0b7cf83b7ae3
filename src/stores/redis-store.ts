import { Redis, ReplyError } from 'ioredis';
import type { Logger } from 'pino';
import type { KeyValueStore, StoreFactory } from './store.js';
import { StoreUnavailableError } from './store-error.js';
import type { EntryStore, EntryStoreOptions } from './entry-store.js';
import { RedisEntryStore } from './redis-entry-store.js';
import type { EntryCommands } from './redis-entry-scripts.js';
import { defineEntryCommands } from './redis-entry-scripts.js';
import { sleep } from '../util/sleep.js';
import { withTimeout } from '../util/with-timeout.js';
import { describeRedisUrl } from '../util/redis-url.js';

export interface RedisStoreOptions {
  /** Put before every key: `<prefix><scope>:<key>`. Default `flowrt:`. */
  prefix?: string;
  log?: Logger;
}

/** How long an operation may wait for Redis (queued while reconnecting, or sent) before it rejects. */
const COMMAND_TIMEOUT_MS = 2_000;
/** How long `connectRedis` keeps trying to PING before it gives up. */
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * INCR, and start the window when the key is new (also when a counter somehow has no expiry, so a
 * count can never stick forever), answering `{count, ms left in the window}` in the same round
 * trip so the two cannot disagree. Atomic, and the window does not slide: later increments leave
 * the expiry alone. Works on any Redis with Lua (unlike `PEXPIRE … NX`, which needs 7.0).
 */
const HIT_LUA = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

interface WithIncrement extends EntryCommands {
  flowrtHit(key: string, windowMs: number): Promise<[number, number]>;
}

/**
 * Stores kept in Redis: one connection per factory, keys `flowrt:<scope>:<key>`. When Redis is
 * down, operations reject within ~2 s with a `StoreUnavailableError` (they never hang), and the
 * connection keeps retrying in the background so the stores work again once Redis is back.
 */
export class RedisStoreFactory implements StoreFactory {
  readonly kind = 'redis';
  /** `redis://host:port`: the server, safe to print. */
  readonly location: string;
  private readonly redis: Redis & WithIncrement;
  private readonly prefix: string;
  private readonly log: Logger | undefined;
  /** The last connection error since the connection was last ready; undefined while it is fine. */
  private lastError: Error | undefined;
  private closed = false;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.location = describeRedisUrl(url);
    this.prefix = options.prefix ?? 'flowrt:';
    this.log = options.log;
    this.redis = new Redis(url, {
      lazyConnect: false,
      connectTimeout: 1_000,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // Queue commands while (re)connecting, but flush them with an error every 3 failed attempts;
      // commandTimeout bounds the wait either way.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 2,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    }) as Redis & WithIncrement;
    this.redis.defineCommand('flowrtHit', { numberOfKeys: 1, lua: HIT_LUA });
    defineEntryCommands(this.redis);
    this.redis.on('error', (err: Error) => this.onError(err));
    this.redis.on('ready', () => this.onReady());
  }

  open(scope: string): KeyValueStore {
    return new RedisStore(this, `${this.prefix}${scope}:`);
  }

  /** Keys `<prefix>{<scope>}:data|expiry|order`. */
  openEntries(scope: string, options: EntryStoreOptions = {}): EntryStore {
    return new RedisEntryStore((command) => this.run(command), `${this.prefix}{${scope}}`, options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.redis.status === 'ready') {
      const quitting = this.redis.quit().catch(() => undefined);
      await Promise.race([quitting, sleep(1_000)]);
    }
    this.redis.disconnect();
  }

  /** PING until it answers or `timeoutMs` has passed; rejects with why it could not. */
  async ping(timeoutMs: number = CONNECT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      try {
        await withTimeout(this.redis.ping(), Math.max(0, left), () => new Error(`no answer within ${timeoutMs} ms`));
        return;
      } catch (err) {
        if (err instanceof ReplyError || this.closed || deadline - Date.now() <= 100) throw err;
        await sleep(100);
      }
    }
  }

  /** @internal Runs one command, turning connection failures into `StoreUnavailableError`. */
  async run<T>(command: (redis: Redis & WithIncrement) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`the Redis store for ${this.location} is closed`);
    try {
      return await command(this.redis);
    } catch (err) {
      // An answer from Redis (WRONGTYPE, OOM…) is not an outage: pass it on as it is.
      if (err instanceof ReplyError) throw err;
      throw new StoreUnavailableError(`Redis at ${this.location} is unavailable: ${this.reason(err)}`, { cause: err });
    }
  }

  /** @internal A short reason for a failure: the connection's error code if there was one. */
  reason(err: unknown): string {
    if (err instanceof ReplyError) return (err as Error).message;
    const cause = this.lastError ?? (err instanceof Error ? err : undefined);
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code) return code;
    return cause?.message ?? String(err);
  }

  private onError(err: Error): void {
    const first = this.lastError === undefined;
    this.lastError = err;
    if (first && !this.closed) {
      this.log?.warn({ redis: this.location, err: this.reason(err) }, 'Redis connection failed; stores are unavailable until it is back');
    }
  }

  private onReady(): void {
    if (this.lastError !== undefined) this.log?.info({ redis: this.location }, 'Redis connection is back');
    this.lastError = undefined;
  }
}

/**
 * A Redis store factory whose server answered a PING: throws `cannot reach Redis at
 * redis://host:port: ECONNREFUSED` (a `StoreUnavailableError`) within ~3 s when it cannot.
 */
export async function connectRedis(url: string, options: RedisStoreOptions & { timeoutMs?: number } = {}): Promise<RedisStoreFactory> {
  const factory = new RedisStoreFactory(url, options);
  try {
    await factory.ping(options.timeoutMs ?? CONNECT_TIMEOUT_MS);
  } catch (err) {
    const reason = factory.reason(err);
    await factory.close();
    throw new StoreUnavailableError(`cannot reach Redis at ${factory.location}: ${reason}`, { cause: err });
  }
  options.log?.info({ redis: factory.location }, 'stores in Redis');
  return factory;
}

class RedisStore implements KeyValueStore {
  constructor(
    private readonly factory: RedisStoreFactory,
    private readonly namespace: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.factory.run((r) => r.get(this.k(key)));
    return value ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.factory.run((r) => (ttlMs === undefined ? r.set(this.k(key), value) : r.set(this.k(key), value, 'PX', ms(ttlMs))));
  }

  async add(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const reply = await this.factory.run((r) => (ttlMs === undefined ? r.set(this.k(key), value, 'NX') : r.set(this.k(key), value, 'PX', ms(ttlMs), 'NX')));
    return reply === 'OK';
  }

  async take(key: string): Promise<string | undefined> {
    const value = await this.factory.run((r) => r.getdel(this.k(key)));
    return value ?? undefined;
  }

  async delete(key: string): Promise<boolean> {
    return (await this.factory.run((r) => r.del(this.k(key)))) > 0;
  }

  async increment(key: string, windowMs: number): Promise<number> {
    return (await this.hit(key, windowMs)).count;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const [count, ttl] = await this.factory.run((r) => r.flowrtHit(this.k(key), ms(windowMs)));
    return { count: Number(count), resetMs: Math.max(1, Number(ttl)) };
  }

  async adjust(key: string, delta: number): Promise<number> {
    return this.factory.run((r) => r.incrby(this.k(key), delta));
  }

  private k(key: string): string {
    return this.namespace + key;
  }
}

/** Redis wants whole, positive milliseconds; like the memory store, at least 1. */
function ms(value: number): number {
  return Math.max(1, Math.round(value));
}
