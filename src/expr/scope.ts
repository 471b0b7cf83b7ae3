import type { FlowError } from '../errors/flow-error.js';
import type { Message } from '../model/message.js';

/** What an expression can see of an event. The runtime's FlowEvent has this shape. */
export interface EventLike {
  readonly correlationId: string;
  readonly message: Message;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly error?: FlowError;
}

/** The input and `$`-bindings one JSONata evaluation receives. */
export interface Scope {
  readonly input: Record<string, unknown>;
  readonly bindings: Record<string, unknown>;
}

/** The names an expression sees as fields of its input and as `$`-bindings. */
export const SCOPE_NAMES: ReadonlySet<string> = new Set(['payload', 'attributes', 'vars', 'error', 'correlationId', 'message']);

// Events are immutable, so a scope built once serves every expression evaluated on that event.
const cache = new WeakMap<EventLike, Scope>();

/**
 * The names Mule expressions use (`payload`, `attributes`, `vars`, `error`, `correlationId`,
 * `message`), as fields of the input and as `$payload` … bindings for nested scopes.
 */
export function scopeOf(event: EventLike): Scope {
  let scope = cache.get(event);
  if (!scope) {
    const { payload, attributes } = event.message;
    const error = event.error?.toValue();
    const input: Record<string, unknown> = {
      payload,
      attributes,
      vars: event.vars,
      error,
      correlationId: event.correlationId,
      message: { payload, attributes },
    };
    const bindings: Record<string, unknown> = {
      payload,
      attributes,
      vars: event.vars,
      error,
      correlationId: event.correlationId,
      message: input.message,
    };
    scope = { input, bindings };
    cache.set(event, scope);
  }
  return scope;
}
