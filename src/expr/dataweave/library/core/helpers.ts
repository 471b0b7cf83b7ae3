import { tick } from '../../context.js';
import { describe } from '../../values/describe.js';
import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwValue } from '../../values/model.js';
import { formatNumber, isNum } from '../../values/numbers.js';

/**
 * Calls a user lambda once per item. The budget is counted here so that every loop of the
 * library (map, filter, orderBy …) stays bounded by the script's time limit, and a lambda that
 * yields nothing (a missing argument's value) is DataWeave's null.
 */
export function call(fn: DwFunction, ...args: DwValue[]): DwValue {
  tick();
  return fn(...args) ?? null;
}

/** A criteria lambda's answer: DataWeave's filters expect a Boolean, and only `true` keeps an item. */
export function truthy(v: DwValue): boolean {
  return v === true;
}

/**
 * A value as text where DataWeave coerces to String (joinBy's items, groupBy's keys, `++` on
 * strings): strings, numbers as DataWeave prints them, booleans. Anything else is an error in
 * the words DataWeave uses for a failed coercion.
 */
export function toText(v: DwValue | undefined, what = 'String'): string {
  if (typeof v === 'string') return v;
  if (isNum(v)) return formatNumber(v);
  if (typeof v === 'boolean') return String(v);
  return fail(`Cannot coerce ${describe(v)} to ${what}`);
}

/** Whether `v` coerces to text as {@link toText} does. */
export function isTextLike(v: DwValue | undefined): boolean {
  return typeof v === 'string' || typeof v === 'boolean' || isNum(v);
}

/** A value that may be given instead of a function (`with("x")`, `onNull "default"`) as a function. */
export function asFunction(v: DwValue): DwFunction {
  return typeof v === 'function' ? v : () => v;
}
