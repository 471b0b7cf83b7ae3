import { BudgetExceeded, current, LookupNeeded } from '../../context.js';
import { DataWeaveEvaluationError } from '../../values/eval-error.js';
import type { DwFunction, DwObjectLike, DwValue } from '../../values/model.js';
import { field } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { toDouble } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { call, test } from './util.js';

/**
 * dw::Runtime: fail, failIf, try/orElse/orElseTry, wait, prop and props. `try` catches what a script
 * can cause (DataWeave errors); it lets through a flow lookup still to run and the budget errors
 * (time limit, call depth), which are the runtime's to handle, not the script's.
 */

/** The error `fail` raises: `try` reports its kind as DataWeave does, UserException. */
export class UserFailure extends DataWeaveEvaluationError {
  readonly kind = 'UserException';
}

function tryResult(delegate: DwFunction): DwValue {
  try {
    return { success: true, result: call(delegate) };
  } catch (e) {
    if (e instanceof LookupNeeded || !(e instanceof DataWeaveEvaluationError) || e instanceof BudgetExceeded) throw e;
    const kind = (e as { kind?: unknown }).kind;
    return {
      success: false,
      error: {
        kind: typeof kind === 'string' ? kind : 'ExecutionException',
        message: e.message,
        location: e.at ? `${e.at.line}:${e.at.col}` : 'Unknown location',
        stack: [],
      },
    };
  }
}

const succeeded = (r: DwObjectLike): boolean => field(r, 'success') === true;

/** orElseTry's and orElse's fallback: a lambda to call, or (written inline) a value already computed. */
const fallback = (f: DwValue): DwValue => (typeof f === 'function' ? call(f) : f);

/** Blocks the thread for `ms`, as DataWeave's wait does; Atomics.wait sleeps without spinning. */
function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const RUNTIME: FunctionTable = {
  fail: defineFunction('fail', [
    overload('String?', (message?: string) => {
      throw new UserFailure(message ?? 'Error');
    }),
  ]),
  failIf: defineFunction('failIf', [
    overload('Any, Function, String?', (value: DwValue, evaluator: DwFunction, message?: string) => {
      if (test(evaluator, 'failIf', value)) throw new UserFailure(message ?? 'Failed');
      return value;
    }),
  ]),
  try: defineFunction('try', [overload('Function', tryResult)]),
  orElseTry: defineFunction('orElseTry', [
    overload('Object, Any', (previous: DwObjectLike, orElse: DwValue) => (succeeded(previous) ? previous : tryResult(() => fallback(orElse)))),
  ]),
  orElse: defineFunction('orElse', [
    overload('Object, Any', (previous: DwObjectLike, orElse: DwValue) => (succeeded(previous) ? (field(previous, 'result') ?? null) : fallback(orElse))),
  ]),
  wait: defineFunction('wait', [
    overload('Any, Number', (value: DwValue, ms: Num) => {
      // Never past the script's own deadline: the next step of a script that waited too long fails on its time limit.
      sleep(Math.min(toDouble(ms), Math.max(0, deadline() - Date.now())));
      return value;
    }),
  ]),
  prop: defineFunction('prop', [overload('String', (name: string) => current().property(name) ?? null)]),
  props: defineFunction('props', [overload('', () => ({ ...(current().properties?.() ?? {}) }))]),
};

function deadline(): number {
  try {
    return current().deadline;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
