import type { Logger } from 'pino';
import type { Cancellation } from './cancellation.js';
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
  /** Aborted, with a FLOWRT:CANCELLED FlowError as its reason, when the client waiting for the event has gone. */
  readonly cancellation?: Cancellation;
}

/** A step of a flow: takes an event, returns the next one, or throws a FlowError. */
export interface Processor {
  process(event: FlowEvent, ctx: ExecContext): Promise<FlowEvent>;
  /** `doc:name` and location, for logs and error reports. */
  readonly location?: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Per-event context: the event's logger is created only when something logs. */
class EventContext implements ExecContext {
  private logger?: Logger;

  constructor(
    private readonly base: Logger | undefined,
    private readonly correlationId: string,
    readonly flows: FlowLookup,
    readonly depth: number,
    readonly cancellation: Cancellation | undefined,
    private readonly parent?: ExecContext,
  ) {}

  get log(): Logger {
    return (this.logger ??= this.parent ? this.parent.log : this.base!.child({ correlationId: this.correlationId }));
  }
}

export function execContext(base: Logger, correlationId: string, flows: FlowLookup, cancellation?: Cancellation): ExecContext {
  return new EventContext(base, correlationId, flows, 0, cancellation);
}

/** The same context one flow-ref deeper (sharing the event's logger). */
export function deeper(ctx: ExecContext): ExecContext {
  return new EventContext(undefined, '', ctx.flows, ctx.depth + 1, ctx.cancellation, ctx);
}
