import { tick } from '../../context.js';
import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwValue } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { isInteger, toDouble } from '../../values/numbers.js';

/** Helpers shared by the standard modules. */

/** A Number argument used as a count or an index: DataWeave truncates a fractional one, as Java's intValue does. */
export function int(n: Num): number {
  const d = toDouble(n);
  return isInteger(n) ? d : Math.trunc(d);
}

/** Calls a user lambda once per iteration, counting the work against the script's budget. */
export function call(fn: DwFunction, ...args: DwValue[]): DwValue {
  tick();
  return fn(...args);
}

/** A lambda's answer used as a condition: DataWeave requires a Boolean. */
export function truthy(v: DwValue, fnName: string): boolean {
  if (typeof v === 'boolean') return v;
  return fail(`The condition given to '${fnName}' must return a Boolean, but it returned ${v === null ? 'null' : typeof v}`);
}

/** A predicate lambda applied to `args`, its answer checked to be a Boolean. */
export function test(fn: DwFunction, fnName: string, ...args: DwValue[]): boolean {
  return truthy(call(fn, ...args), fnName);
}
