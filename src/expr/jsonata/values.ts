/*
 * The value model of compiled JSONata, shared by the compiler (compile/) and the built-in
 * functions (functions/): JSONata's values are plain JavaScript (JSON values, plus functions);
 * what JSONata adds is the *sequence*, an array the evaluator made (not one the data held),
 * which flattens into its parent and collapses to its only item.
 */

/** An array the evaluator built. `keepSingleton` marks `path[]`, which must stay an array of one. */
export interface Sequence<T = unknown> extends Array<T> {
  sequence: true;
  keepSingleton?: boolean;
  outerWrapper?: boolean;
  tupleStream?: boolean;
}

export function createSequence<T>(...items: T[]): Sequence<T> {
  const seq = items as Sequence<T>;
  Object.defineProperty(seq, 'sequence', { value: true, enumerable: false, writable: true });
  return seq;
}

export function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Partial<Sequence>).sequence === true;
}

/**
 * A function value: a lambda the expression defines, a built-in, a partial application, or a
 * JavaScript function the host registered. It is called with its arguments already checked
 * against `signature` (when it has one) by whoever calls it through {@link CallContext.apply}.
 */
export type JsonataFunction = ((this: CallContext, ...args: unknown[]) => unknown) & {
  /** JSONata signature text (`<s-nn?:s>`), as written in JSONata's docs. */
  readonly signature?: string;
  /** How many arguments a higher-order function hands it ($map passes value, index, array up to this). */
  readonly arity?: number;
};

export function isFunction(value: unknown): value is JsonataFunction {
  return typeof value === 'function';
}

/** What a built-in sees of the evaluation calling it. */
export interface CallContext {
  /** The context value (`$`) at the call: what a `-` in the signature takes when the argument is left out. */
  readonly input: unknown;
  /** Calls a function value as JSONata would (signature checked, arity trimmed), synchronously. */
  apply(fn: unknown, args: readonly unknown[]): unknown;
  /** How many arguments `fn` takes (what $map, $filter, $reduce, $sort … pass it). */
  arity(fn: unknown): number;
}

/** A built-in function: its JSONata signature and a synchronous implementation over checked arguments. */
export interface Builtin {
  readonly signature: string;
  readonly impl: (this: CallContext, ...args: never[]) => unknown;
}

/**
 * A JSONata error as the reference implementation raises it: `code` is JSONata's (T2001, D3030 …)
 * and `position` the character offset in the expression, so callers can point at it.
 */
export class JsonataError extends Error {
  readonly code: string;
  readonly position?: number;
  readonly token?: unknown;
  readonly value?: unknown;

  constructor(code: string, message: string, details: { position?: number; token?: unknown; value?: unknown } = {}) {
    super(message);
    this.name = 'JsonataError';
    this.code = code;
    this.position = details.position;
    this.token = details.token;
    this.value = details.value;
  }
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isArrayOfStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function isArrayOfNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => isNumber(v));
}

/** `=`: the same JSON value, arrays in order, objects whatever their key order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const left = Object.getOwnPropertyNames(a).sort();
  const right = Object.getOwnPropertyNames(b).sort();
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  for (const key of left) if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}
