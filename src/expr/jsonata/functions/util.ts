/*
 * Helpers the built-in families share: JSONata's own readings of "keys of", "deep equal" and of
 * what a higher-order function hands the function it calls.
 */
import { isFunction, type CallContext } from '../values.js';

/**
 * A function value: a JavaScript function, as compiled JSONata makes them, or a lambda or
 * built-in of the jsonata library (an object it marks), which can reach a built-in in a value
 * the library evaluated.
 */
export function isFunctionValue(value: unknown): boolean {
  if (isFunction(value)) return true;
  const marked = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown } | null;
  return typeof marked === 'object' && marked !== null && (marked._jsonata_lambda === true || marked._jsonata_function === true);
}

/** An object's own enumerable keys; nothing for anything else (JSONata's `utils.keys`). */
export function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

/** A JSON object (not an array, null or function): what $keys, $lookup, $spread take apart. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The arguments $map, $filter, $single, $each and $sift pass `fn`: the value, then the index (or
 * key) and the whole array (or object) only if `fn` takes them (JSONata's `hofFuncArgs`).
 */
export function hofArgs(ctx: CallContext, fn: unknown, value: unknown, position: unknown, whole: unknown): unknown[] {
  const arity = ctx.arity(fn);
  if (arity >= 3) return [value, position, whole];
  if (arity >= 2) return [value, position];
  return [value];
}
