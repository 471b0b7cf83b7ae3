import type { BinaryOp, Expr, Pos } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import { compare, equals, similar } from '../values/compare.js';
import { describe } from '../values/describe.js';
import { BudgetExceeded } from '../context.js';
import { DataWeaveEvaluationError } from '../values/eval-error.js';
import type { DwFunction, DwValue } from '../values/model.js';
import { append, divided, minus, negative, plus, prepend, times } from './arithmetic.js';
import { add, multiply, subtract } from '../values/numbers.js';
import { failAt, locate, located } from './located.js';
import type { Code, Scope } from './scope.js';
import { Frame } from './scope.js';

type Compile = (e: Expr, sc: Scope) => Code;

/** A binary operator; `and`, `or` and `default` evaluate their right side only when needed. */
export function binary(op: BinaryOp, left: Expr, right: Expr, at: Pos, sc: Scope, compile: Compile): Code {
  const l = compile(left, sc);
  const r = compile(right, sc);
  switch (op) {
    case 'and':
      return (f) => boolOperand(l(f), 'and', at) && boolOperand(r(f), 'and', at);
    case 'or':
      return (f) => boolOperand(l(f), 'or', at) || boolOperand(r(f), 'or', at);
    case 'default':
      return (f) => {
        let v: DwValue;
        try {
          v = l(f);
        } catch (e) {
          // DataWeave's `default` also stands in for a left side that fails (`x as Number default 0`), but not for a script out of budget.
          if (e instanceof DataWeaveEvaluationError && !(e instanceof BudgetExceeded)) return r(f);
          throw e;
        }
        return v === null || v === undefined ? r(f) : v;
      };
    case '==':
      return (f) => equals(l(f), r(f));
    case '!=':
      return (f) => !equals(l(f), r(f));
    case '~=':
      return (f) => similar(l(f), r(f));
    case '<':
      return located((f) => compare(l(f), r(f)) < 0, at);
    case '>':
      return located((f) => compare(l(f), r(f)) > 0, at);
    case '<=':
      return located((f) => compare(l(f), r(f)) <= 0, at);
    case '>=':
      return located((f) => compare(l(f), r(f)) >= 0, at);
    case '+':
      return arithmetic(l, r, at, add, plus);
    case '-':
      return arithmetic(l, r, at, subtract, minus);
    case '*':
      return arithmetic(l, r, at, multiply, times);
    case '/':
      return located((f) => divided(l(f), r(f)), at);
    case '>>':
      return located((f) => prepend(l(f), r(f)), at);
    case '<<':
      return located((f) => append(l(f), r(f)), at);
    case '++':
    case '--': {
      const fn = sc.lib.core[op];
      if (!fn) throw new DataWeaveCompileError(`Unable to resolve reference of: ${op}`, at);
      return located((f) => fn(l(f), r(f)), at);
    }
  }
}

/** Numbers take the direct path; anything else goes through the overloaded function (dates, arrays, objects, or its mismatch error). */
function arithmetic(l: Code, r: Code, at: Pos, num: (a: number, b: number) => DwValue, general: DwFunction): Code {
  return (f) => {
    const a = l(f);
    const b = r(f);
    try {
      return typeof a === 'number' && typeof b === 'number' ? num(a, b) : general(a, b);
    } catch (e) {
      throw locate(e, at);
    }
  };
}

function boolOperand(v: DwValue, op: string, at: Pos): boolean {
  if (typeof v === 'boolean') return v;
  return failAt(
    `You called the function '${op}' with these arguments:\n  1: ${describe(v)}\n\nBut it expects one of these combinations:\n  (Boolean, Boolean)`,
    at,
  );
}

export function unary(op: '-' | '!' | 'not', operand: Expr, at: Pos, sc: Scope, compile: Compile): Code {
  const c = compile(operand, sc);
  if (op === '-' && operand.kind === 'number') {
    const v = negative(c(new Frame(undefined, [])));
    return () => v;
  }
  if (op === '-') return located((f) => negative(c(f)), at);
  return (f) => {
    const v = c(f);
    if (typeof v !== 'boolean')
      failAt(`You called the function '${op}' with these arguments:\n  1: ${describe(v)}\n\nBut it expects one of these combinations:\n  (Boolean)`, at);
    return !v;
  };
}
