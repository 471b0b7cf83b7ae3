/**
 * Time-slicing for work that runs on the event loop and grows with its input: expression
 * evaluation, parsing and writing large bodies. Such work calls {@link pause} at points where it
 * may stop; once the loop has been busy for a slice, every caller waits for the same next turn of
 * the loop, so sockets, timers and cheap requests get their turn between slices of a large one.
 *
 * Without it, one request transforming a 9 MB order holds the loop for seconds and every other
 * request (the health check included) waits behind it.
 */

/** How long work may hold the event loop before it lets the rest of the process run. */
export const SLICE_MS = 8;

let sliceStart = performance.now();
let turn: Promise<void> | undefined;

/**
 * Undefined while the current slice lasts (the caller carries on without awaiting anything, so
 * the check costs a clock read); past it, a promise of the loop's next turn, shared by every
 * caller, so that all of them step aside together.
 *
 * @example
 * for (const item of huge) {
 *   const wait = pause();
 *   if (wait) await wait;
 *   work(item);
 * }
 */
export function pause(): Promise<void> | undefined {
  if (turn) return turn;
  const now = performance.now();
  if (now - sliceStart < SLICE_MS) return undefined;
  turn = new Promise<void>((resolve) =>
    // setImmediate runs after the loop's I/O phase: the requests that arrived meanwhile start first.
    setImmediate(() => {
      turn = undefined;
      sliceStart = performance.now();
      resolve();
    }),
  );
  return turn;
}

let ticks = 0;

/**
 * {@link pause}, looking at the clock only every 64th call: for loops whose steps are a few
 * microseconds (expression evaluation), where even a clock read per step would show.
 */
export function pauseEvery64(): Promise<void> | undefined {
  if (turn) return turn;
  return (++ticks & 63) === 0 ? pause() : undefined;
}

/**
 * Marks the start of a slice. A macrotask that starts new work (a request arriving) calls it: the
 * loop has just turned, so the work gets a whole slice, not the rest of one measured from the last
 * time sliced work ran.
 */
export function freshSlice(): void {
  if (!turn) sliceStart = performance.now();
}
