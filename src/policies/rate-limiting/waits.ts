/**
 * Timers requests wait on, cut short all at once by `wakeAll` (the policy is stopped: no request
 * is left waiting on a timer that outlives it).
 */
export class Waits {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  /** Resolves after `ms`, or at once when woken; true if it waited the whole time. */
  wait(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve(true);
      }, ms);
      this.pending.set(timer, () => resolve(false));
    });
  }

  wakeAll(): void {
    this.stopped = true;
    for (const [timer, wake] of this.pending) {
      clearTimeout(timer);
      wake();
    }
    this.pending.clear();
  }
}
