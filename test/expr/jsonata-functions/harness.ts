import type { Case } from '../../helpers/jsonata-suite.js';
import { inputOf, suite } from '../../helpers/jsonata-suite.js';
import jsonata from 'jsonata';
import type { Builtin, CallContext } from '../../../src/expr/jsonata/values.js';

/*
 * Runs JSONata's own suite (test/fixtures/jsonata-suite.json) through the jsonata library with
 * flowrt's built-ins registered over the library's own: the library parses, evaluates and checks
 * signatures, our functions compute. The library hands function arguments over as async
 * closures; our built-ins are synchronous, so `apply` replays: a call that returns a promise
 * stops the built-in, the promise is awaited and recorded, and the built-in runs again from the
 * start with every recorded call answered from the record. Built-ins are deterministic in their
 * calls, so the replay takes the same path.
 */

class Suspend {
  constructor(readonly promise: PromiseLike<unknown>) {}
}

type Recorded = { value: unknown } | { error: unknown };

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** A built-in as a function the library can call, replaying its calls of function arguments. */
function adapt(builtin: Builtin): (this: { input: unknown }, ...args: unknown[]) => Promise<unknown> {
  const adapted = async function (this: { input: unknown }, ...args: unknown[]): Promise<unknown> {
    const record: Recorded[] = [];
    const focus = this;
    for (;;) {
      let k = 0;
      const ctx: CallContext = {
        input: focus.input,
        apply(fn, callArgs) {
          if (k < record.length) {
            const r = record[k++]!;
            if ('error' in r) throw r.error;
            return r.value;
          }
          let value: unknown;
          try {
            value = (fn as (...a: unknown[]) => unknown).apply(focus, [...callArgs]);
          } catch (error) {
            record.push({ error });
            k++;
            throw error;
          }
          if (isPromise(value)) throw new Suspend(value);
          record.push({ value });
          k++;
          return value;
        },
        // The library's getFunctionArity: its lambdas are objects with an argument list.
        arity: (fn) => {
          const f = fn as { arity?: number; implementation?: unknown; length?: number; arguments?: unknown[] };
          if (typeof f.arity === 'number') return f.arity;
          if (typeof f.implementation === 'function') return f.implementation.length;
          return typeof f.length === 'number' ? f.length : f.arguments!.length;
        },
      };
      try {
        return (builtin.impl as (...a: unknown[]) => unknown).apply(ctx, args);
      } catch (e) {
        if (!(e instanceof Suspend)) throw e;
        try {
          record.push({ value: await e.promise });
        } catch (error) {
          record.push({ error });
        }
      }
    }
  };
  // The library reads a native function's arity from its length, and partial application reads
  // its parameters from its source text: give both the built-in's.
  const params = Array.from({ length: builtin.impl.length }, (_, i) => `a${i}`).join(', ');
  Object.defineProperty(adapted, 'length', { value: builtin.impl.length });
  adapted.toString = () => `function (${params}) {}`;
  return adapted;
}

export interface Outcome {
  result?: unknown;
  code?: string;
}

/** What a case gives: with `builtins` registered over the library's functions, or with the library alone. */
export async function outcome(c: Case, builtins: Readonly<Record<string, Builtin>> = {}): Promise<Outcome> {
  const input = inputOf(c);
  try {
    const expr = jsonata(c.expr!);
    for (const [name, builtin] of Object.entries(builtins)) expr.registerFunction(name, adapt(builtin) as never, builtin.signature);
    const value: unknown = await expr.evaluate(input, c.bindings ?? {});
    return { result: value === undefined ? undefined : JSON.parse(JSON.stringify(value)) };
  } catch (e) {
    return { code: (e as { code?: string }).code ?? String(e) };
  }
}

/** Whether an outcome is what the suite expects of the case. */
export function passes(c: Case, got: Outcome): boolean {
  const code = c.code ?? c.error?.code;
  if (code !== undefined) return got.code === code;
  if (c.undefinedResult) return got.code === undefined && got.result === undefined;
  return got.code === undefined && JSON.stringify(got.result) === JSON.stringify(c.result);
}

export type { Case };
export { suite };
