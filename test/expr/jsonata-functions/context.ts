import type { Builtin, CallContext } from '../../../src/expr/jsonata/values.js';

/** A CallContext whose function values are plain JavaScript functions, called with the arguments they take. */
export function testContext(input?: unknown): CallContext {
  return {
    input,
    apply: (fn, args) => (fn as (...a: unknown[]) => unknown)(...args.slice(0, (fn as () => unknown).length)),
    arity: (fn) => (fn as () => unknown).length,
  };
}

/** Calls a built-in as the compiler would, its arguments already checked. */
export function call(builtin: Builtin | undefined, ...args: unknown[]): unknown {
  return (builtin!.impl as (...a: unknown[]) => unknown).apply(testContext(), args);
}
