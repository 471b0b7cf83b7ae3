import type { Logger } from 'pino';

export type LimitedLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface LogLimiterOptions {
  /** How long repeats of a line are counted instead of written, ms. Default 60 000. */
  readonly windowMs?: number;
  /** The most distinct lines followed at once; past it the oldest is summarised and forgotten. Default 1000. */
  readonly maxKeys?: number;
  /** The clock windows are measured by (tests move their own). Default `Date.now`. */
  readonly now?: () => number;
}

/** One line being followed: what was written, and how often it came again in the current window. */
interface Followed {
  readonly logger: Logger;
  readonly level: LimitedLevel;
  readonly fields: object;
  readonly msg: string;
  end: number;
  repeats: number;
}

/**
 * Keeps a line that comes again and again (a 503 per request while an IdP is down, a warning per
 * broken connection) from flooding the log. The first occurrence of a key is written; repeats
 * within the window are only counted, and when the window ends one summary is written:
 * `<msg> (repeated 2304 times in the last 60 s)`, with the first line's fields and `repeated`.
 * While repeats keep coming, each window ends in one summary and nothing else; a key quiet for a
 * whole window is forgotten, so its next occurrence is written in full.
 *
 * Keys should be of low cardinality (a reason, a peer): never text a client chooses. A repeat
 * costs a map lookup and an increment, nothing allocated. The summary timer is unref'd (it never
 * keeps the process alive) and runs only while lines are followed; `stop()` writes what is
 * pending. With an injected clock, windows also end when the next occurrence or `flush()` finds
 * them over, whatever real time says.
 *
 * @example
 * const logs = new LogLimiter({ windowMs: 60_000 });
 * logs.warn(log, 'no-keys', { apiId }, 'jwt-validation: no signing keys'); // written
 * logs.warn(log, 'no-keys', { apiId }, 'jwt-validation: no signing keys'); // counted
 * // 60 s later: "jwt-validation: no signing keys (repeated 1 time in the last 60 s)"
 */
export class LogLimiter {
  private readonly followed = new Map<string, Followed>();
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;

  constructor(options: LogLimiterOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Writes `msg` with `fields` at `level` unless `key` was written within the window; true when written. */
  log(logger: Logger, level: LimitedLevel, key: string, fields: object, msg: string): boolean {
    const now = this.now();
    const seen = this.followed.get(key);
    if (seen && this.roll(key, seen, now)) {
      seen.repeats++;
      return false;
    }
    if (this.followed.size >= this.maxKeys) this.evictOldest();
    logger[level](fields, msg);
    this.followed.set(key, { logger, level, fields, msg, end: now + this.windowMs, repeats: 0 });
    this.timer ??= this.arm(this.windowMs);
    return true;
  }

  error(logger: Logger, key: string, fields: object, msg: string): boolean {
    return this.log(logger, 'error', key, fields, msg);
  }

  warn(logger: Logger, key: string, fields: object, msg: string): boolean {
    return this.log(logger, 'warn', key, fields, msg);
  }

  /** Ends every window now: writes the summaries of those with repeats, and forgets every key. */
  flush(): void {
    for (const seen of this.followed.values()) if (seen.repeats > 0) this.summarise(seen);
    this.followed.clear();
  }

  /** Writes what is pending and stops the timer; the limiter still works after (a new timer when needed). */
  stop(): void {
    this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Ends the windows of `seen` that are over at `now`, each with repeats in one summary; a window
   * without any ends the key. Whether the key is still followed.
   */
  private roll(key: string, seen: Followed, now: number): boolean {
    while (now >= seen.end) {
      if (seen.repeats === 0) {
        this.followed.delete(key);
        return false;
      }
      this.summarise(seen);
      seen.repeats = 0;
      seen.end += this.windowMs;
    }
    return true;
  }

  private summarise(seen: Followed): void {
    const times = seen.repeats === 1 ? '1 time' : `${seen.repeats} times`;
    const window = this.windowMs % 1000 === 0 ? `${this.windowMs / 1000} s` : `${this.windowMs} ms`;
    seen.logger[seen.level]({ ...seen.fields, repeated: seen.repeats }, `${seen.msg} (repeated ${times} in the last ${window})`);
  }

  private evictOldest(): void {
    const [key, seen] = this.followed.entries().next().value as [string, Followed];
    if (seen.repeats > 0) this.summarise(seen);
    this.followed.delete(key);
  }

  private arm(delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.sweep(), delayMs);
    timer.unref();
    return timer;
  }

  /** The timer's round: ends the windows that are over, then waits for the next to end, while any key is followed. */
  private sweep(): void {
    const now = this.now();
    let next = Infinity;
    for (const [key, seen] of this.followed) if (this.roll(key, seen, now)) next = Math.min(next, seen.end);
    this.timer = next === Infinity ? undefined : this.arm(Math.max(1, next - now));
  }
}
