import type { EvalContext } from '../../../../src/expr/dataweave/context.js';
import { withContext } from '../../../../src/expr/dataweave/context.js';
import { CORE } from '../../../../src/expr/dataweave/library/core/index.js';
import type { DwFunction, DwRegex, DwValue } from '../../../../src/expr/dataweave/values/model.js';

/** A regex value as the compiler makes one for `/source/`. */
export function rx(source: string, flags = ''): DwRegex {
  return new TestRegex(source, flags);
}

/** A class, not a plain object: a plain object is an Object to typeOf. */
class TestRegex implements DwRegex {
  readonly dwRegex = true;
  constructor(
    readonly source: string,
    private readonly flags: string,
  ) {}
  global(): RegExp {
    return new RegExp(this.source, this.flags + 'g');
  }
  once(): RegExp {
    return new RegExp(this.source, this.flags);
  }
}

/** Calls a dw::Core function by name, as a script's call or infix operator does. */
export function dw(name: string, ...args: unknown[]): DwValue {
  const fn = CORE[name];
  if (!fn) throw new Error(`no dw::Core function '${name}'`);
  return fn(...(args as DwValue[]));
}

/** A lambda as the compiler hands one over (parameters' defaults declared on the function). */
export function lambda(fn: (...args: never[]) => unknown, defaults?: readonly (DwValue | undefined)[]): DwFunction {
  const f = fn as unknown as DwFunction;
  if (defaults) {
    Object.defineProperty(f, 'dwDefaults', { value: defaults.map((d) => d !== undefined) });
    Object.defineProperty(f, 'dwDefaultValue', { value: (i: number) => defaults[i] ?? null });
  }
  return f;
}

/** A context with app files and a log to look at. */
export function fakeContext(files: Record<string, string> = {}): EvalContext & { logs: string[] } {
  const logs: string[] = [];
  return {
    logs,
    bindings: {},
    property: () => undefined,
    lookup: () => null,
    readResource: (path) => (path in files ? new TextEncoder().encode(files[path]) : undefined),
    log: (m) => logs.push(m),
    deadline: Date.now() + 60_000,
    maxDepth: 500,
  };
}

export { withContext };
