/**
 * A duration in whole seconds, rounded up and at least 1: what RFC 9110 §10.2.3 delay-seconds
 * and the IETF RateLimit fields carry. Rounding down would tell a client to come back before the
 * window it waits for has ended; 0 would tell it not to wait at all.
 *
 * @example
 * seconds(1_500); // 2
 * seconds(0); // 1
 */
export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
