import type { ServerResponse } from 'node:http';
import { FLOWRT } from '../errors/catalog/index.js';
import { FlowError } from '../errors/flow-error.js';
import type { Cancellation } from '../runtime/cancellation.js';

/**
 * The cancellation of a request's event: cancelled once the client's connection closes before
 * its answer is written. Read from the response's own state (Node marks it `destroyed` when the
 * connection closes), so a request whose flow never waits costs no listener and no AbortSignal.
 */
export class ClientGone implements Cancellation {
  private controller?: AbortController;
  private error?: FlowError;

  constructor(private readonly res: ServerResponse) {}

  get aborted(): boolean {
    return this.res.destroyed && !this.res.writableFinished;
  }

  get reason(): unknown {
    if (!this.aborted) return undefined;
    return (this.error ??= new FlowError(FLOWRT.CANCELLED, 'the client closed the connection before the answer; the rest of the work is cancelled'));
  }

  onCancel(listener: () => void): () => void {
    const closed = () => {
      if (this.aborted) listener();
    };
    this.res.once('close', closed);
    return () => this.res.off('close', closed);
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      if (this.aborted) controller.abort(this.reason);
      else
        this.res.once('close', () => {
          if (this.aborted) controller.abort(this.reason);
        });
    }
    return this.controller.signal;
  }
}
