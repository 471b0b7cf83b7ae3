import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { FlowEvent } from './event.js';
import type { ExecContext, Processor } from './processor.js';

/**
 * Runs processors in order, each on the event the previous one returned. On failure the error
 * remembers the event as it was when the failing step received it, and which step that was. An
 * event whose work was cancelled (its client left) runs no further step.
 */
export function pipeline(processors: readonly Processor[]): Processor {
  return {
    async process(event: FlowEvent, ctx: ExecContext): Promise<FlowEvent> {
      let current = event;
      for (const p of processors) {
        if (ctx.cancellation?.aborted) throw attach(ctx.cancellation.reason, current, p);
        try {
          current = await p.process(current, ctx);
        } catch (e) {
          throw attach(e, current, p);
        }
      }
      return current;
    },
    async start() {
      for (const p of processors) await p.start?.();
    },
    async stop() {
      for (const p of [...processors].reverse()) await p.stop?.();
    },
  };
}

/** Turns anything thrown into a FlowError that knows its event and failing step. */
export function attach(thrown: unknown, event: FlowEvent, step?: Processor): FlowError {
  const err = thrown instanceof FlowError ? thrown : new FlowError(MULE.UNKNOWN, (thrown as Error)?.message ?? String(thrown), { cause: thrown });
  if (err.event === undefined) err.event = event;
  if (err.failingComponent === undefined && step?.location) err.failingComponent = step.location;
  return err;
}

/** The event an error handler starts from: the one at the point of failure, carrying the error. */
export function errorEvent(err: FlowError, fallback: FlowEvent): FlowEvent {
  const at = (err.event as FlowEvent | undefined) ?? fallback;
  return at.with({ error: err });
}
