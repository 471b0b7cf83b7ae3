/**
 * `work`'s outcome, or a rejection with what `timedOut()` makes once `ms` have passed, whichever
 * comes first. The work itself is not stopped (a promise cannot be), only no longer waited for;
 * the timer is cleared as soon as either settles, so it never keeps a stopping process alive.
 *
 * @example
 * const pong = await withTimeout(redis.ping(), 2_000, () => new Error('no answer within 2000 ms'));
 */
export function withTimeout<T>(work: Promise<T>, ms: number, timedOut: () => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
