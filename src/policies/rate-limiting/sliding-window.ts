/**
 * Anypoint's spike-control window: a request takes a slot when fewer than `max` requests were
 * taken in the last `periodMs`, and its slot frees `periodMs` after it was taken (the window
 * slides with time, unlike rate-limiting's fixed ones). One process's memory.
 */
export class SlidingWindow {
  /** When each slot in the window was taken, oldest first; `head` is the first still in it. */
  private taken: number[] = [];
  private head = 0;

  constructor(
    private readonly max: number,
    private readonly periodMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes a slot if one is free. */
  tryTake(): boolean {
    const now = this.now();
    this.expire(now);
    if (this.taken.length - this.head >= this.max) return false;
    this.taken.push(now);
    return true;
  }

  /** Free slots now. */
  remaining(): number {
    this.expire(this.now());
    return this.max - (this.taken.length - this.head);
  }

  /** ms until the oldest slot taken frees (0 when none is taken). */
  nextFreeMs(): number {
    const now = this.now();
    this.expire(now);
    return this.head < this.taken.length ? this.taken[this.head]! + this.periodMs - now : 0;
  }

  private expire(now: number): void {
    while (this.head < this.taken.length && this.taken[this.head]! + this.periodMs <= now) this.head++;
    // Drop the freed prefix now and then rather than shifting on every request.
    if (this.head > 1024 && this.head * 2 > this.taken.length) {
      this.taken = this.taken.slice(this.head);
      this.head = 0;
    }
  }
}
