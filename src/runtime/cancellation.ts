/**
 * Whether the one waiting for an event (an HTTP client) has gone, so that the event's remaining
 * work can be dropped. Read where work may stop: the pipeline before each step (`aborted`), waits
 * and outbound calls through `signal`.
 *
 * An interface rather than an AbortSignal: nearly every event ends without its client leaving,
 * and most never wait on anything, so a source answers `aborted` from state it already has and
 * creates an AbortSignal only when a wait or a call asks for one.
 */
export interface Cancellation {
  /** True once the work is cancelled. */
  readonly aborted: boolean;
  /** Why (a FLOWRT:CANCELLED FlowError) once `aborted`; undefined before. */
  readonly reason: unknown;
  /** A signal that aborts with `reason` when the work is cancelled (already aborted if it is). */
  readonly signal: AbortSignal;
  /**
   * Calls `listener` once if the work is cancelled from now on; answers the call that stops
   * listening. Cheaper than `signal` where work listens per call (outbound HTTP calls).
   */
  onCancel(listener: () => void): () => void;
}
