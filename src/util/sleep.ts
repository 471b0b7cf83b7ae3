/**
 * Waits `ms`, without keeping a stopping process alive; rejects with the signal's reason as soon
 * as `signal` aborts (a client that left does not wait out a retry pause).
 *
 * @example
 * await sleep(100); // a pause between two tries
 * await sleep(5_000, request.signal); // rejects at once when the request is aborted
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms).unref());
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms).unref();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
