import type { Expr, Pos } from '../ast.js';
import { DataWeaveCompileError } from '../errors.js';
import { overloadsOf } from '../library/define.js';
import { describe } from '../values/describe.js';
import type { DwFunction, DwValue } from '../values/model.js';
import { compileFunction, functionValue, implicitParams } from './functions.js';
import { failAt, locate } from './located.js';
import type { Resolved } from './names.js';
import { resolve } from './names.js';
import type { Code, Scope } from './scope.js';
import { slotReader } from './scope.js';

type Compile = (e: Expr, sc: Scope) => Code;

/** `f(a, b)` and `a f b`: arguments written with `$` become lambdas where the callee takes a function. */
export function compileCall(e: Extract<Expr, { kind: 'call' }>, sc: Scope, compile: Compile): Code {
  const target = e.callee.kind === 'ref' ? resolve(e.callee.name, sc, e.callee.at) : undefined;
  checkArity(e, target);
  const takesFunction = functionParams(target);
  const args = e.args.map((a, i) => {
    const depth = takesFunction(i) ? implicitDepth(a) : 0;
    return depth > 0 ? implicitLambda(a, depth, sc, compile) : compile(a, sc);
  });
  if (target?.kind === 'const' && typeof target.value === 'function') return direct(target.value, args, e.at);
  const callee = target ? refCode(target) : compile(e.callee, sc);
  const at = e.at;
  return (f) => {
    const fn = callee(f);
    if (typeof fn !== 'function') return failAt(`You can only call a function, not ${describe(fn)}`, at);
    const values: DwValue[] = new Array(args.length);
    for (let i = 0; i < args.length; i++) values[i] = args[i]!(f);
    try {
      return fn(...values);
    } catch (err) {
      throw locate(err, at);
    }
  };
}

/** A call of a library function known at load, specialised by arity (the common calls take one to three arguments). */
function direct(fn: DwFunction, args: readonly Code[], at: Pos): Code {
  const [a, b, c] = args;
  const fail = (err: unknown): never => {
    throw locate(err, at);
  };
  switch (args.length) {
    case 1:
      return (f) => {
        try {
          return fn(a!(f));
        } catch (err) {
          return fail(err);
        }
      };
    case 2:
      return (f) => {
        try {
          return fn(a!(f), b!(f));
        } catch (err) {
          return fail(err);
        }
      };
    case 3:
      return (f) => {
        try {
          return fn(a!(f), b!(f), c!(f));
        } catch (err) {
          return fail(err);
        }
      };
    default:
      return (f) => {
        try {
          return fn(...args.map((x) => x(f)));
        } catch (err) {
          return fail(err);
        }
      };
  }
}

/** A call of a known function with a number of arguments none of its overloads takes fails at load. */
function checkArity(e: Extract<Expr, { kind: 'call' }>, target: Resolved | undefined): void {
  let range: readonly [number, number] | undefined;
  if (target?.kind === 'slot' && target.fun) range = target.fun.arity;
  else if (target?.kind === 'const' && typeof target.value === 'function') {
    const overloads = overloadsOf(target.value);
    if (overloads && overloads.length > 0)
      range = [Math.min(...overloads.map((o) => o.params.length - o.optional)), Math.max(...overloads.map((o) => o.params.length))];
  }
  const n = e.args.length;
  if (!range || (n >= range[0] && n <= range[1])) return;
  const name = e.callee.kind === 'ref' ? e.callee.name : 'function';
  const expected = range[0] === range[1] ? `${range[0]}` : `${range[0]} to ${range[1]}`;
  throw new DataWeaveCompileError(`Too ${n > range[1] ? 'many' : 'few'} arguments for ${name}: it takes ${expected}, the call passes ${n}`, e.at);
}

export function refCode(r: Resolved): Code {
  if (r.kind === 'const') {
    const v = r.value;
    return () => v;
  }
  return slotReader(r.hops, r.index);
}

/**
 * Which arguments take a function: from the library's declared overloads, or a `fun`'s function-typed
 * parameters; for a callee known only at run time, every argument after the first (as `map`, `filter`,
 * `reduce` … take theirs).
 */
function functionParams(target: Resolved | undefined): (i: number) => boolean {
  if (target?.kind === 'const' && typeof target.value === 'function') {
    const overloads = overloadsOf(target.value);
    if (overloads) return (i) => overloads.some((o) => o.params[i]?.includes('Function') === true);
  }
  if (target?.kind === 'slot' && target.fun) {
    const params = target.fun.params;
    return (i) => params[i]?.type?.kind === 'functionType';
  }
  return (i) => i > 0;
}

/** The deepest `$` an argument uses outside lambdas of its own (0: none). */
function implicitDepth(e: Expr): number {
  let depth = 0;
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const node = x as Record<string, unknown> & { kind?: string; depth?: number; sel?: { op: string } };
    if (node.kind === 'anon') depth = Math.max(depth, node.depth!);
    // A lambda binds `$` itself; so do a filter selector and an update's cases, for what they apply to.
    if (node.kind === 'lambda') return;
    if (node.kind === 'update' || (node.kind === 'select' && node.sel?.op === 'filter')) return walk(node.kind === 'update' ? node.value : node.target);
    for (const k of Object.keys(node)) if (k !== 'at') walk(node[k]);
  };
  walk(e);
  return depth;
}

function implicitLambda(e: Expr, depth: number, sc: Scope, compile: Compile): Code {
  const c = compileFunction(undefined, implicitParams(e.at, depth), e, sc, compile);
  return (f) => functionValue(c, f);
}
