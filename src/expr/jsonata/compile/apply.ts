import type { CallContext, JsonataFunction } from '../values.js';
import { signatureOf } from '../signature.js';
import type { Signature } from '../signature.js';
import { enter, leave, run } from './budget.js';
import { fail } from './errors.js';
import { Frame } from './frame.js';
import type { Evaluator } from './types.js';
import { Unsupported } from './signals.js';

/*
 * Function application. Every function value is a JavaScript function (values.ts): a lambda the
 * expression made carries its compiled definition under LAMBDA, so calls to it skip the wrapper
 * and tail calls run in a loop instead of growing the stack; anything else (a built-in, a host
 * function, a regex matcher) is called with a CallContext as `this`, its arguments checked
 * against its `signature` text first.
 */

export const LAMBDA = Symbol('jsonata.lambda');

/** A lambda as it runs: its body compiled once, with the frame and context it closed over. */
export interface Lambda {
  readonly params: readonly string[];
  readonly signature: Signature | undefined;
  /** The frame it closed over, and the context it was defined in (its body's `$`). */
  readonly frame: Frame;
  readonly input: unknown;
  /** The body; in tail position it may answer a {@link TailCall}. */
  readonly body: Evaluator;
}

/** A call in tail position, left for the caller's loop to make (the library's thunk). */
export class TailCall {
  constructor(
    readonly fn: unknown,
    readonly args: unknown[],
  ) {}
}

export function lambdaOf(fn: unknown): Lambda | undefined {
  return typeof fn === 'function' ? (fn as unknown as { [LAMBDA]?: Lambda })[LAMBDA] : undefined;
}

/** Calls `fn` as JSONata does: `input` is the context a `-` parameter takes when its argument is left out. */
export function apply(fn: unknown, args: unknown[], input: unknown): unknown {
  let result = applyOnce(fn, args, input);
  if (!(result instanceof TailCall)) return result;
  // Tail calls run where the first call ran, as the library's trampoline runs them.
  const site = run.site;
  while (result instanceof TailCall) {
    const next: TailCall = result;
    run.site = site;
    result = applyOnce(next.fn, next.args, input);
  }
  return result;
}

function applyOnce(fn: unknown, args: unknown[], input: unknown): unknown {
  if (typeof fn !== 'function') return fail('T1006');
  const lambda = (fn as { [LAMBDA]?: Lambda })[LAMBDA];
  if (lambda) {
    const checked = lambda.signature ? lambda.signature.validate(args, input) : args;
    const env = new Frame(lambda.frame);
    const params = lambda.params;
    for (let i = 0; i < params.length; i++) env.bind(params[i]!, checked[i]);
    const base = enter();
    try {
      return lambda.body(lambda.input, env);
    } finally {
      leave(base);
    }
  }
  const text = (fn as JsonataFunction).signature;
  const checked = typeof text === 'string' ? signatureOf(text).validate(args, input) : args;
  const result: unknown = (fn as (this: CallContext, ...a: unknown[]) => unknown).apply(new Context(input), checked);
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function')
    throw new Unsupported('a function answering a promise');
  return result;
}

/** How many arguments a higher-order function hands `fn`. */
export function arityOf(fn: unknown): number {
  if (typeof fn !== 'function') return 0;
  const declared = (fn as JsonataFunction).arity;
  return typeof declared === 'number' ? declared : fn.length;
}

/** What a built-in sees of the call: the context, and calls back into JSONata functions. */
class Context implements CallContext {
  constructor(readonly input: unknown) {}

  apply(fn: unknown, args: readonly unknown[]): unknown {
    // The library calls function arguments with a null context (its wrapper closure).
    return apply(fn, [...args], null);
  }

  arity(fn: unknown): number {
    return arityOf(fn);
  }
}

/** A function value for a lambda: callable from JavaScript too (a built-in calling it directly). */
export function functionOf(lambda: Lambda): JsonataFunction {
  const fn = function (this: unknown, ...args: unknown[]): unknown {
    return apply(fn, args, null);
  } as unknown as JsonataFunction & { [LAMBDA]: Lambda; arity: number; signature?: string };
  fn[LAMBDA] = lambda;
  fn.arity = lambda.params.length;
  if (lambda.signature) fn.signature = lambda.signature.definition;
  return fn;
}

/** A built-in or host function as a function value: `impl` called with the CallContext, after its signature. */
export function nativeOf(impl: (...args: never[]) => unknown, signature: string | undefined): JsonataFunction {
  const fn = function (this: CallContext, ...args: unknown[]): unknown {
    return (impl as (...a: unknown[]) => unknown).apply(this, args);
  } as unknown as JsonataFunction & { arity: number; signature?: string };
  fn.arity = impl.length;
  if (signature !== undefined) fn.signature = signature;
  return fn;
}
