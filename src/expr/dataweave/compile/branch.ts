import type { Pos } from '../ast.js';
import { describe } from '../values/describe.js';
import { failAt } from './located.js';
import type { Code } from './scope.js';

/** `if (cond) then else otherwise`: the condition must be a Boolean, as DataWeave requires. */
export function branch(cond: Code, then: Code, otherwise: Code, at: Pos): Code {
  return (f) => {
    const c = cond(f);
    if (c === true) return then(f);
    if (c === false) return otherwise(f);
    return failAt(`The condition of an if must be a Boolean, not ${describe(c)}`, at);
  };
}
