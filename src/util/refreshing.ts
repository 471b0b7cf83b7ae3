export interface RefreshingOptions<T> {
  /** Fetches a fresh value; a rejection keeps the last one. */
  readonly load: () => Promise<T>;
  /** How long a loaded value is fresh. */
  readonly ttlMs: number;
  /** After a failed load, how long before the next try; `kept` says whether a last value still serves. */
  readonly retryMs: (kept: boolean) => number;
  readonly now: () => number;
  /** Told of every failed load (to log it), once the next try is scheduled. */
  readonly failed: (error: unknown, kept: boolean) => void;
}

/**
 * A remote value (a JWKS, an IdP's discovery document) fetched on first use and kept for its
 * TTL. Once stale it still serves while a fresh one is fetched in the background, so a slow
 * endpoint never holds a caller; a failed fetch keeps the last good value and is tried again
 * after `retryMs`, so a flood of callers against a dead endpoint makes one fetch per retry. One
 * fetch at a time: callers arriving meanwhile share it.
 *
 * @example
 * const keys = new Refreshing({ load: fetchKeys, ttlMs: 600_000, retryMs: () => 5_000, now: Date.now, failed: (e) => log.warn({ e }) });
 * const set = await keys.get(); // undefined until a fetch has succeeded
 */
export class Refreshing<T> {
  private current?: T;
  /** When the value is due to be fetched again: its TTL, or a retry after a failure. */
  private dueAt = -Infinity;
  private inFlight?: Promise<void>;

  constructor(private readonly o: RefreshingOptions<T>) {}

  /** The value, fresh or stale; with none yet, the outcome of a fetch when one is due (undefined if it failed). */
  async get(): Promise<T | undefined> {
    const due = this.o.now() >= this.dueAt;
    if (this.current !== undefined) {
      if (due) void this.refresh();
      return this.current;
    }
    if (due) await this.refresh();
    return this.current;
  }

  /** The last value fetched, without fetching. */
  get value(): T | undefined {
    return this.current;
  }

  /** Fetches now, whatever the TTL says (or joins the fetch under way). */
  refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async load(): Promise<void> {
    try {
      this.current = await this.o.load();
      this.dueAt = this.o.now() + this.o.ttlMs;
    } catch (e) {
      const kept = this.current !== undefined;
      this.dueAt = this.o.now() + this.o.retryMs(kept);
      this.o.failed(e, kept);
    }
  }
}
