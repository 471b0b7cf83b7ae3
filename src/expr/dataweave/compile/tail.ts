import type { Expr } from '../ast.js';
import type { DwValue } from '../values/model.js';
import { branch } from './branch.js';
import { late } from './late.js';
import { compileMatch } from './match.js';
import type { Code, Scope, SlotBinding } from './scope.js';

type Compile = (e: Expr, sc: Scope) => Code;

/**
 * A `fun` calling itself as the last thing it does (in an if/else branch, a match case, a do body)
 * returns this instead of recursing; the function runs again with these arguments in a loop, so
 * tail recursion over a long list does not hit the depth limit (DataWeave optimises tail calls).
 */
export class TailCall {
  constructor(readonly args: DwValue[]) {}
}

export interface SelfCall {
  readonly binding: SlotBinding;
  readonly name: string;
  readonly required: number;
  readonly total: number;
}

/** Compiles a function body, its self-calls in tail position as {@link TailCall}s. */
export function compileTail(e: Expr, sc: Scope, compile: Compile, self: SelfCall): Code {
  const tail: Compile = (x, s) => compileTail(x, s, compile, self);
  switch (e.kind) {
    case 'if':
      return branch(compile(e.cond, sc), tail(e.then, sc), tail(e.else, sc), e.cond.at);
    case 'match':
      return compileMatch(e, sc, compile, tail);
    case 'do': {
      const inner = sc.child();
      const inits = late.compileHeader!(e.header, inner, compile);
      const body = tail(e.body, inner);
      return (f) => {
        for (const init of inits) init(f);
        return body(f);
      };
    }
    case 'call': {
      const n = e.args.length;
      const isSelf = e.callee.kind === 'ref' && e.callee.name === self.name && sc.find(self.name) === self.binding;
      if (!isSelf || n < self.required || n > self.total) return compile(e, sc);
      const args = e.args.map((a) => compile(a, sc));
      return (f) => {
        const values: DwValue[] = new Array(n);
        for (let i = 0; i < n; i++) values[i] = args[i]!(f);
        return new TailCall(values) as unknown as DwValue;
      };
    }
    default:
      return compile(e, sc);
  }
}
