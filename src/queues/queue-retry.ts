import type { RetryPolicy } from './queue.js';

/**
 * How long a message waits before its next delivery, after its `failedAttempt`-th delivery failed:
 * `backoffMs`, doubled for each further retry (1 → backoffMs, 2 → 2 × backoffMs …).
 */
export function retryDelay(policy: RetryPolicy, failedAttempt: number): number {
  return Math.max(0, policy.backoffMs) * 2 ** Math.max(0, failedAttempt - 1);
}

/** Whether a delivery that failed may be retried, or the consumer's attempts are spent. */
export function mayRetry(policy: RetryPolicy, failedAttempt: number): boolean {
  return failedAttempt < Math.max(1, policy.attempts);
}

/** What a handler threw, as the text a dead letter or a `ReplyFailure` keeps. */
export function failureReason(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
