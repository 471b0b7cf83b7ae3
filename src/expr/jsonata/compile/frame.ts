import { run } from './budget.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A scope of `$name` variables: a block, a lambda call, a tuple of a path's bindings (`@$x`,
 * `#$i`, `%`). Names the expression never binds skip frames altogether (see {@link Compiler.local}),
 * so most frames stay empty and never allocate their map.
 */
export class Frame {
  private vars: Map<string, unknown> | undefined;

  constructor(readonly parent: Frame | undefined) {}

  bind(name: string, value: unknown): void {
    (this.vars ??= new Map()).set(name, value);
  }

  /** The innermost binding of `name`, then the caller's bindings, then `globals`. */
  lookup(name: string, globals: (name: string) => unknown): unknown {
    for (let f: Frame | undefined = this; f; f = f.parent) if (f.vars?.has(name)) return f.vars.get(name);
    return outer(name, globals);
  }
}

/** A name no frame binds: the evaluation's bindings, else a host function or built-in. */
export function outer(name: string, globals: (name: string) => unknown): unknown {
  const bindings = run.bindings;
  if (bindings !== undefined && hasOwn.call(bindings, name)) return bindings[name];
  return globals(name);
}

/** {@link outer} for a name whose global value is known when the expression compiles. */
export function bound(name: string, global: unknown): unknown {
  const bindings = run.bindings;
  if (bindings !== undefined && hasOwn.call(bindings, name)) return bindings[name];
  return global;
}

/** A tuple of a path's stream: `@` (the context) and the names its steps bound. */
export type Tuple = Record<string, unknown>;

/** The frame a tuple's expressions run in: each of its names bound. */
export function tupleFrame(parent: Frame, tuple: Tuple): Frame {
  const frame = new Frame(parent);
  for (const key of Object.keys(tuple)) frame.bind(key, tuple[key]);
  return frame;
}
