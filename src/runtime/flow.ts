import { MULE } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { ErrorHandler } from './error-handler.js';
import { guarded } from './error-handler.js';
import type { FlowEvent } from './event.js';
import type { ExecContext, Processor } from './processor.js';

/**
 * A `flow` (with its error handler) or a `sub-flow` (none: errors pass straight to the caller).
 * `maxConcurrency` bounds how many events run at once; extra ones wait their turn.
 */
export class Flow implements Processor {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly name: string,
    readonly kind: 'flow' | 'sub-flow',
    private body: Processor,
    private errorHandler: ErrorHandler | undefined,
    readonly location: string,
    private readonly maxConcurrency = Infinity,
  ) {}

  /** Fills in the body after construction, so that flows can refer to each other. */
  define(body: Processor, errorHandler: ErrorHandler | undefined): void {
    this.body = body;
    this.errorHandler = errorHandler;
  }

  async process(event: FlowEvent, ctx: ExecContext): Promise<FlowEvent> {
    // A finishing event hands its slot straight to the next waiter, so the bound is never exceeded.
    if (this.running >= this.maxConcurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await guarded(this.body, this.errorHandler, event, ctx, this.name);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** True while maxConcurrency events run: a new one would wait (a scheduler skips its tick instead, as Mule's back-pressure does). */
  get saturated(): boolean {
    return this.running >= this.maxConcurrency;
  }

  async start(): Promise<void> {
    await this.body.start?.();
  }

  async stop(): Promise<void> {
    await this.body.stop?.();
  }
}

/** An empty flow body: returns the event unchanged. */
export const PASS_THROUGH: Processor = { process: async (event) => event };

export function flowNotFound(name: string): FlowError {
  return new FlowError(MULE.ROUTING, `no flow or sub-flow named "${name}" exists in this app`);
}
