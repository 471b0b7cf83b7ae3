import type { RateLimit } from '../shared/policy.js';

/** A limit with the name the IETF RateLimit fields call it by. */
export interface NamedLimit extends RateLimit {
  readonly name: string;
}

/**
 * Names limits for the RateLimit fields: `base` for one, `base-1`, `base-2` … (in configuration
 * order) for several, so that a client can tell which window an answer speaks of.
 */
export function named(base: string, limits: readonly RateLimit[]): NamedLimit[] {
  return limits.map((l, i) => ({
    maximumRequests: l.maximumRequests,
    timePeriodInMilliseconds: l.timePeriodInMilliseconds,
    name: limits.length === 1 ? base : `${base}-${i + 1}`,
  }));
}
