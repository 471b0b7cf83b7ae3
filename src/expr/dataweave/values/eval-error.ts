import { FlowrtError } from '../../../errors/flowrt-error.js';
import type { Pos } from '../ast.js';

/**
 * A DataWeave script that fails while it runs, in DataWeave's words (`You called the function
 * '++' with these arguments: …`). The compiler adds where in the script it happened; the
 * expression front-end turns it into MULE:EXPRESSION.
 */
export class DataWeaveEvaluationError extends FlowrtError<'dataweave-evaluation'> {
  at: Pos | undefined;

  constructor(message: string, at?: Pos) {
    super('dataweave-evaluation', message);
    this.at = at;
  }
}

/** Throws a {@link DataWeaveEvaluationError}; for use in expression position. */
export function fail(message: string): never {
  throw new DataWeaveEvaluationError(message);
}
