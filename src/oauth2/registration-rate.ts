import type { KeyValueStore } from '../stores/store.js';

const MINUTE_MS = 60_000;

/**
 * How many registrations a provider accepts per minute, counted for the provider as a whole in
 * its store (so every node on Redis shares one count). Global rather than per address: every
 * caller holds the same initial access token, and behind a proxy every caller has its address.
 */
export class RegistrationRate {
  constructor(
    private readonly store: KeyValueStore,
    private readonly perMinute: number,
  ) {}

  /**
   * Counts an attempt: undefined when it is within this minute's allowance, else the seconds
   * until the minute is over (RFC 9110 §10.2.3 `Retry-After`).
   *
   * @example
   * const wait = await rate.attempt(); // undefined, or 42
   */
  async attempt(): Promise<number | undefined> {
    const { count, resetMs } = await this.store.hit('registrations', MINUTE_MS);
    return count > this.perMinute ? Math.max(1, Math.ceil(resetMs / 1000)) : undefined;
  }
}
