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

/**
 * A step counter for one piece of work (one expression evaluation, one body being written): its
 * first `freeSteps` steps never pause, so short work (what nearly every request does) runs straight
 * through even while long work is stepping aside, instead of queueing behind it slice after slice.
 * Past them, it pauses as {@link pause} says, looking at the clock every 64th step.
 *
 * @example
 * const step = meter(1024);
 * for (const item of items) {
 *   const wait = step();
 *   if (wait) await wait;
 * }
 */
export function meter(freeSteps = 0): () => Promise<void> | undefined {
  let steps = 0;
  return () => {
    if (++steps <= freeSteps) return undefined;
    if (turn) return turn;
    return (steps & 63) === 0 ? pause() : undefined;
  };
}
