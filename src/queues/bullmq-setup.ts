import type { Logger } from 'pino';
import type { RedisLink } from './bullmq-connection.js';

/** What `openQueues` (and `connectBullQueues`) accept besides the Redis URL. */
export interface BullQueueOptions {
  log?: Logger;
  /**
   * How long a consumer's hold on a message lasts unless renewed, ms (renewed at half of it while
   * the handler runs). A runtime that dies mid-message holds it this long, and about as long again
   * passes before the stalled-job check hands it to another consumer. Default 30 000.
   */
  lockMs?: number;
  /** Before every Redis key. Default `flowrt:vm`: keys `flowrt:vm:<queue>:<kind>`. */
  prefix?: string;
  /** How long the PING at start may take to answer, ms. Default 3 000. */
  timeoutMs?: number;
  /** Stalls (consumer died or stopped mid-message) a message survives before it is dead-lettered. Default 5. */
  maxStalls?: number;
}

export const DEFAULT_LOCK_MS = 30_000;
export const DEFAULT_PREFIX = 'flowrt:vm';
export const DEFAULT_MAX_STALLS = 5;

/** What a factory's queues and consumers share. */
export interface BullSetup {
  readonly link: RedisLink;
  readonly prefix: string;
  readonly lockMs: number;
  readonly maxStalls: number;
  readonly log: Logger | undefined;
}
