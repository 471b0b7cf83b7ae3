import { FlowrtError } from '../../errors/flowrt-error.js';
import type { Pos } from './ast.js';

/**
 * A DataWeave script that does not parse. The message follows DataWeave's own
 * (`Invalid input "}", expected Expression`), and `line`/`col` are 1-based in the script text.
 */
export class DataWeaveSyntaxError extends FlowrtError<'dataweave-syntax'> {
  readonly line: number;
  readonly col: number;

  constructor(message: string, at: Pos) {
    super('dataweave-syntax', `${message} (line ${at.line}, column ${at.col})`);
    this.line = at.line;
    this.col = at.col;
  }
}

/**
 * A script that parses but cannot run: an unknown function, variable or module, a wrong number
 * of arguments to a known function. A load error, like a syntax error; `hint` carries the
 * did-you-mean.
 */
export class DataWeaveCompileError extends FlowrtError<'dataweave-compile'> {
  readonly line: number;
  readonly col: number;

  constructor(
    message: string,
    at: Pos,
    readonly hint?: string,
  ) {
    super('dataweave-compile', `${message} (line ${at.line}, column ${at.col})`);
    this.line = at.line;
    this.col = at.col;
  }
}
