import type { Logger } from 'pino';
import { MemoryStoreFactory } from './memory-store.js';
import type { StoreFactory } from './store.js';

/**
 * The runtime's store factory: memory when no Redis URL is given, else Redis, checked with a PING
 * first so a wrong URL fails at start with `cannot reach Redis at redis://host:port: …`.
 */
export async function openStores(redisUrl: string | undefined, options?: { log?: Logger }): Promise<StoreFactory> {
  if (redisUrl === undefined) return new MemoryStoreFactory();
  // Imported only here: ioredis is a tenth of a second of imports a runtime without Redis need not spend.
  const { connectRedis } = await import('./redis-store.js');
  return connectRedis(redisUrl, options);
}
