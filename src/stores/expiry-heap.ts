/**
 * Keys by when they expire, soonest first (a binary min-heap): what lets a memory entry store drop
 * its expired entries in O(log n) each, rather than look at every entry. A key rewritten or
 * deleted leaves its old slot behind; the caller tells which slots are still current, and
 * {@link compact} drops the rest once they outnumber the live ones.
 */
export class ExpiryHeap {
  private readonly slots: Array<{ readonly at: number; readonly key: string }> = [];

  get size(): number {
    return this.slots.length;
  }

  push(at: number, key: string): void {
    const slots = this.slots;
    slots.push({ at, key });
    for (let i = slots.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (slots[parent]!.at <= slots[i]!.at) break;
      [slots[parent], slots[i]] = [slots[i]!, slots[parent]!];
      i = parent;
    }
  }

  /** Removes and gives every slot due at or before `now`, current or not. */
  *due(now: number): Generator<{ readonly at: number; readonly key: string }> {
    while (this.slots.length > 0 && this.slots[0]!.at <= now) yield this.pop();
  }

  /** Keeps only the slots `current` says are. */
  compact(current: (at: number, key: string) => boolean): void {
    const kept = this.slots.filter((s) => current(s.at, s.key));
    this.slots.length = 0;
    for (const s of kept) this.push(s.at, s.key);
  }

  clear(): void {
    this.slots.length = 0;
  }

  private pop(): { readonly at: number; readonly key: string } {
    const slots = this.slots;
    const top = slots[0]!;
    const last = slots.pop()!;
    if (slots.length > 0) {
      slots[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < slots.length && slots[l]!.at < slots[min]!.at) min = l;
        if (r < slots.length && slots[r]!.at < slots[min]!.at) min = r;
        if (min === i) break;
        [slots[min], slots[i]] = [slots[i]!, slots[min]!];
        i = min;
      }
    }
    return top;
  }
}
