import type { Logger } from 'pino';
import { FLOWRT } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { Cancellation } from '../runtime/cancellation.js';
import type { FlowEvent } from '../runtime/event.js';
import { attach } from '../runtime/pipeline.js';
import type { ExecContext, Processor } from '../runtime/processor.js';
import type { StepType } from '../spi/component.js';
import { sleep } from '../util/sleep.js';

/**
 * `<async name maxConcurrency>`: the caller goes on at once with its event unchanged, while the
 * scope's processors run on the same event (its variables as they were, the same correlation id)
 * in the background. An error there is logged and never reaches the caller; handle it with a
 * `<try>` inside the scope. With maxConcurrency, branches past the bound wait their turn in
 * arrival order (docs.mulesoft.com/mule-runtime/latest/async-scope-reference).
 *
 * Branches live in this process only: when the app stops (or a reload retires the flow) they may
 * finish within the app's shutdownTimeout, then the rest is cancelled. Work that must survive a
 * crash belongs on a persistent VM queue.
 */
export const asyncScope: StepType = {
  element: 'async',
  spec: {
    attributes: {
      name: { kind: 'literal' },
      maxConcurrency: { kind: 'literal', type: 'integer' },
    },
    processors: true,
  },
  build(node) {
    const limit = node.int('maxConcurrency') ?? Infinity;
    if (limit < 1) node.error('value-below-minimum', 'maxConcurrency must be at least 1', 'leave it out for no bound');
    const branches = new Branches(node.processors(), node.location, limit);
    node.services.onStop(() => branches.drain(node.services.settings.shutdownTimeout, node.services.log), 'drain');
    return {
      location: node.location,
      process(event, ctx) {
        branches.fork(event, ctx);
        return Promise.resolve(event);
      },
    };
  },
};

/** One async scope's branches: how many run, which wait for a slot, and how to end them all. */
class Branches {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Correlation ids of the branches admitted and not yet finished (running or waiting). */
  private readonly pending = new Map<number, string>();
  private readonly idle: Array<() => void> = [];
  private readonly stopping = new Stopping();
  private nextId = 0;

  constructor(
    private readonly body: Processor,
    private readonly location: string,
    private readonly limit: number,
  ) {}

  /** Starts a branch on `event`; it never throws and never rejects. */
  fork(event: FlowEvent, ctx: ExecContext): void {
    const id = this.nextId++;
    this.pending.set(id, event.correlationId);
    // Not the caller's cancellation: nobody waits for this branch, so a client leaving cannot end it.
    const branch: ExecContext = { log: ctx.log, flows: ctx.flows, depth: ctx.depth, cancellation: this.stopping };
    void this.run(event, branch).finally(() => this.settle(id));
  }

  /**
   * Waits for the branches in hand up to `graceMs`, then cancels those still running (they stop
   * before their next step, and their waits and outbound calls are aborted) and says which.
   */
  async drain(graceMs: number, log: Logger): Promise<void> {
    if (this.pending.size === 0) return;
    const done = new Promise<boolean>((resolve) => this.idle.push(() => resolve(true)));
    const finished = await Promise.race([done, sleep(graceMs).then(() => false)]);
    if (finished) return;
    const correlationIds = [...this.pending.values()];
    log.warn(
      { async: this.location, running: this.running, waiting: this.waiting.length, correlationIds },
      `async work still running ${graceMs} ms after the app began to stop (shutdownTimeout): cancelled`,
    );
    this.stopping.abort(new FlowError(FLOWRT.CANCELLED, 'the app stopped before this async work finished'));
  }

  private async run(event: FlowEvent, ctx: ExecContext): Promise<void> {
    try {
      // The caller's next step goes first, as it would on Mule's other thread.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.slot();
      try {
        await this.body.process(event, ctx);
      } finally {
        this.release();
      }
    } catch (e) {
      this.report(attach(e, event), ctx);
    }
  }

  private report(err: FlowError, ctx: ExecContext): void {
    // Cancelled by drain(), which has said so for every branch at once.
    if (this.stopping.aborted && err.type.isA(FLOWRT.CANCELLED)) return;
    err.logged = true;
    ctx.log.error(
      { errorType: err.type.id, element: err.failingComponent, async: this.location },
      `error in async scope, not seen by its caller (handle it with a try inside the async): ${err.description}`,
    );
  }

  private slot(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A finishing branch hands its slot straight to the next waiting one, so the bound holds. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) for (const wake of this.idle.splice(0)) wake();
  }
}

/** The cancellation of an async scope's branches: only the app stopping ends them. */
class Stopping implements Cancellation {
  private readonly controller = new AbortController();

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  get reason(): unknown {
    return this.aborted ? this.controller.signal.reason : undefined;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  onCancel(listener: () => void): () => void {
    const signal = this.controller.signal;
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  }

  abort(reason: FlowError): void {
    this.controller.abort(reason);
  }
}
