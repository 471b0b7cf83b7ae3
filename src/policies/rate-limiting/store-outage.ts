import type { Logger } from 'pino';

export type OnStoreFailure = 'allow' | 'deny';

/** How often, at most, an outage that goes on is logged again (with the count since). */
const REPEAT_MS = 10_000;

/**
 * The log of a policy's store outages: a warning when counting first fails, then one every 10 s
 * at most while it keeps failing, each with how many requests were let through uncounted
 * (`allow`) or refused (`deny`) since the last; an info line with the total when counting works
 * again. A Redis outage must not flood the log with a line per request.
 */
export class StoreOutage {
  private since: number | undefined;
  private lastLogged = 0;
  private unlogged = 0;
  private total = 0;

  constructor(
    private readonly log: Logger,
    private readonly where: Readonly<Record<string, unknown>>,
    private readonly mode: OnStoreFailure,
    private readonly now: () => number,
  ) {}

  failed(err: unknown): void {
    const now = this.now();
    this.since ??= now;
    this.unlogged++;
    this.total++;
    if (this.total > 1 && now - this.lastLogged < REPEAT_MS) return;
    const requests = this.mode === 'allow' ? { allowedUncounted: this.unlogged } : { refused: this.unlogged };
    this.log.warn(
      { ...this.where, onStoreFailure: this.mode, ...requests, err: (err as Error).message },
      `quota store unavailable: requests ${this.mode === 'allow' ? 'pass uncounted' : 'are refused (503)'}`,
    );
    this.lastLogged = now;
    this.unlogged = 0;
  }

  ok(): void {
    if (this.since === undefined) return;
    const requests = this.mode === 'allow' ? { allowedUncounted: this.total } : { refused: this.total };
    this.log.info({ ...this.where, ...requests, outageMs: this.now() - this.since }, 'quota store is back: counting again');
    this.since = undefined;
    this.unlogged = 0;
    this.total = 0;
  }
}
