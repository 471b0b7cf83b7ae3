import type { Pos } from '../ast.js';
import { DataWeaveEvaluationError } from '../values/eval-error.js';
import type { Code } from './scope.js';

/** Marks an evaluation error with the innermost call or operator it passed through, if nothing closer has. */
export function locate(e: unknown, at: Pos): unknown {
  if (e instanceof DataWeaveEvaluationError && e.at === undefined) e.at = at;
  return e;
}

/** `code`, with its evaluation errors placed at `at`. */
export function located(code: Code, at: Pos): Code {
  return (f) => {
    try {
      return code(f);
    } catch (e) {
      throw locate(e, at);
    }
  };
}

/** A DataWeave evaluation error at a place in the script. */
export function failAt(message: string, at: Pos): never {
  throw new DataWeaveEvaluationError(message, at);
}
