import type { Logger } from 'pino';
import { MemoryStoreFactory } from './memory-store.js';
import { connectRedis } from './redis-store.js';
import type { StoreFactory } from './store.js';

/**
 * The runtime's store factory: memory when no Redis URL is given, else Redis, checked with a PING
 * first so a wrong URL fails at start with `cannot reach Redis at redis://host:port: …`.
 */
export async function openStores(redisUrl: string | undefined, options?: { log?: Logger }): Promise<StoreFactory> {
  if (redisUrl === undefined) return new MemoryStoreFactory();
  return connectRedis(redisUrl, options);
}
