import { MULE } from '../errors/catalog/index.js';
import type { ErrorType } from '../errors/error-type.js';
import type { FlowError } from '../errors/flow-error.js';
import type { FlowEvent } from './event.js';
import { attach, errorEvent } from './pipeline.js';
import type { ExecContext, Processor } from './processor.js';

/** One `on-error-continue` or `on-error-propagate`. */
export interface OnError {
  readonly kind: 'continue' | 'propagate';
  /** Types it handles; empty means ANY. */
  readonly types: readonly ErrorType[];
  /** The `when` condition, if any. */
  readonly when?: (event: FlowEvent) => Promise<boolean>;
  readonly body: Processor;
  readonly logException: boolean;
  readonly location: string;
}

/**
 * An `error-handler`: its on-error scopes are tried in document order; the first whose types
 * and `when` match runs. Continue ends the flow normally with the scope's result; propagate
 * runs the scope, then rethrows with the scope's event so the caller (or the listener's
 * error response) sees its payload and variables. No match propagates, as Mule's default.
 */
export class ErrorHandler {
  constructor(
    readonly handlers: readonly OnError[],
    readonly name?: string,
  ) {}

  async handle(err: FlowError, failedOn: FlowEvent, ctx: ExecContext, owner: string): Promise<FlowEvent> {
    const event = errorEvent(err, failedOn);
    for (const h of this.handlers) {
      if (!(await matches(h, err, event, ctx))) continue;
      if (h.logException) logError(ctx, err, owner, h.kind);
      let result: FlowEvent;
      try {
        result = await h.body.process(event, ctx);
      } catch (e) {
        throw attach(e, event, h.body);
      }
      if (h.kind === 'continue') return result.with({ error: null });
      err.event = result;
      throw err;
    }
    logError(ctx, err, owner, 'propagate');
    err.event = event;
    throw err;
  }
}

/**
 * Runs `body`; an error goes to `handler` (none: straight to the caller). Critical errors are
 * never handled.
 */
export async function guarded(body: Processor, handler: ErrorHandler | undefined, event: FlowEvent, ctx: ExecContext, owner: string): Promise<FlowEvent> {
  try {
    return await body.process(event, ctx);
  } catch (e) {
    const err = attach(e, event);
    if (!handler || err.type.isA(MULE.CRITICAL)) throw err;
    return handler.handle(err, event, ctx, owner);
  }
}

/** Mule's default error handler: log and propagate. */
export const DEFAULT_ERROR_HANDLER = new ErrorHandler([], 'default');

async function matches(h: OnError, err: FlowError, event: FlowEvent, ctx: ExecContext): Promise<boolean> {
  if (h.types.length > 0 && !h.types.some((t) => err.type.isA(t))) return false;
  if (!h.when) return true;
  try {
    return await h.when(event);
  } catch (e) {
    ctx.log.warn({ err: e, handler: h.location }, 'on-error "when" condition failed; handler skipped');
    return false;
  }
}

function logError(ctx: ExecContext, err: FlowError, owner: string, kind: string): void {
  if (err.logged) return;
  err.logged = true;
  ctx.log.error({ errorType: err.type.id, element: err.failingComponent, flow: owner, handling: kind }, err.description);
}
