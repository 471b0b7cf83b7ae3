import type { Logger } from 'pino';
import type { FlowEvent } from './event.js';

/** Runs a flow or sub-flow by name: how `flow-ref` reaches its target at run time. */
export interface FlowLookup {
  get(name: string): Processor | undefined;
}

/**
 * Per-event services. `log` carries the event's correlation id, so every line logged while
 * processing it can be traced back to the request.
 */
export interface ExecContext {
  readonly log: Logger;
  readonly flows: FlowLookup;
  /** How many flow-refs deep this event is; guards against runaway recursion. */
  readonly depth: number;
  /** Aborted when the runtime shuts down and waiting is no longer useful. */
  readonly signal?: AbortSignal;
}

/** A step of a flow: takes an event, returns the next one, or throws a FlowError. */
export interface Processor {
  process(event: FlowEvent, ctx: ExecContext): Promise<FlowEvent>;
  /** `doc:name` and location, for logs and error reports. */
  readonly location?: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** A context for a new event: the logger is created lazily, only when something logs. */
export function execContext(base: Logger, correlationId: string, flows: FlowLookup, signal?: AbortSignal): ExecContext {
  let log: Logger | undefined;
  return {
    get log() {
      return (log ??= base.child({ correlationId }));
    },
    flows,
    depth: 0,
    signal,
  };
}

/** The same context one flow-ref deeper. */
export function deeper(ctx: ExecContext): ExecContext {
  return {
    get log() {
      return ctx.log;
    },
    flows: ctx.flows,
    depth: ctx.depth + 1,
    signal: ctx.signal,
  };
}
