import { randomUUID } from 'node:crypto';
import type { FlowError } from '../errors/flow-error.js';
import type { Message } from '../model/message.js';

const NO_VARS: Readonly<Record<string, unknown>> = Object.freeze({});

export interface EventChange {
  readonly message?: Message;
  readonly vars?: Readonly<Record<string, unknown>>;
  /** `null` clears the error. */
  readonly error?: FlowError | null;
}

/**
 * The event flowing through a flow: message, variables and, inside an error handler, the error.
 * Immutable: every change returns a new event, so a step can never see another's half-done work
 * and a failed step leaves the event as it was before it.
 */
export class FlowEvent {
  private constructor(
    readonly correlationId: string,
    readonly message: Message,
    readonly vars: Readonly<Record<string, unknown>>,
    readonly error: FlowError | undefined,
  ) {}

  static create(message: Message, correlationId: string = randomUUID(), vars: Readonly<Record<string, unknown>> = NO_VARS): FlowEvent {
    return new FlowEvent(correlationId, message, vars === NO_VARS ? NO_VARS : Object.freeze({ ...vars }), undefined);
  }

  get payload(): unknown {
    return this.message.payload;
  }

  with(change: EventChange): FlowEvent {
    return new FlowEvent(
      this.correlationId,
      change.message ?? this.message,
      change.vars ?? this.vars,
      change.error === null ? undefined : (change.error ?? this.error),
    );
  }

  withPayload(payload: unknown, mediaType?: string): FlowEvent {
    return this.with({ message: { payload, attributes: this.message.attributes, mediaType } });
  }

  withVar(name: string, value: unknown): FlowEvent {
    return this.with({ vars: Object.freeze({ ...this.vars, [name]: value }) });
  }

  withoutVar(name: string): FlowEvent {
    if (!(name in this.vars)) return this;
    const vars = { ...this.vars };
    delete vars[name];
    return this.with({ vars: Object.freeze(vars) });
  }
}
