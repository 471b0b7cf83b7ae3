import type { DwValue } from './values/model.js';
import { DataWeaveEvaluationError } from './values/eval-error.js';

/**
 * What a running script sees of the world beyond its own text: Mule's bindings, the app's
 * properties (`p()`), flows to `lookup`, the app's files (`readUrl("classpath://…")`), where
 * `log` writes, and the budget that bounds a runaway script. Evaluation is synchronous, so
 * the context of the one evaluation under way is module state: library functions read it
 * through {@link current} instead of taking it as an argument on every call.
 */
export interface EvalContext {
  /** payload, attributes, vars, error, correlationId, message, and `input` directive names. */
  readonly bindings: Readonly<Record<string, DwValue>>;
  /** A property of the app (`p('http.port')`, `Mule::p`), or undefined when it has none. */
  property(name: string): string | undefined;
  /** Every property of the app (`dw::Runtime::props()`); a context without it answers `{}`. */
  readonly properties?: () => Readonly<Record<string, string>>;
  /**
   * The result of `lookup(flowName, payload)`: a flow runs asynchronously, so this answers a
   * result already obtained, or throws {@link LookupNeeded} for the front-end to run the flow
   * and evaluate again.
   */
  lookup(flowName: string, payload: DwValue): DwValue;
  /** A file of the app (`classpath://x.json` is read from the app's folder), or undefined. */
  readResource(path: string): Uint8Array | undefined;
  /** Where `log(prefix, value)` writes. */
  log(message: string): void;
  /** When this evaluation must stop (Date.now() milliseconds). */
  readonly deadline: number;
  readonly maxDepth: number;
}

/** Thrown by `lookup` when a flow must run first; the front-end runs it and evaluates again. */
export class LookupNeeded extends Error {
  constructor(
    readonly flowName: string,
    readonly payload: DwValue,
  ) {
    super(`lookup('${flowName}') must run first`);
  }
}

/**
 * The script is out of its budget (time, call depth): whatever the script says (`default`,
 * `try`), the evaluation ends.
 */
export class BudgetExceeded extends DataWeaveEvaluationError {}

let active: EvalContext | undefined;
let ticks = 0;
let depth = 0;

/** The context of the evaluation under way. */
export function current(): EvalContext {
  if (!active) throw new DataWeaveEvaluationError('this function needs a running script (no evaluation is under way)');
  return active;
}

/** Runs `fn` with `ctx` as the current context (restoring the previous one: lookups nest). */
export function withContext<T>(ctx: EvalContext, fn: () => T): T {
  const prev = active;
  const prevDepth = depth;
  active = ctx;
  depth = 0;
  try {
    return fn();
  } finally {
    active = prev;
    depth = prevDepth;
  }
}

/**
 * Counts a unit of work (a lambda call, a range item); every 4,096 of them the clock is read, and
 * past the deadline the script fails. Cheap enough for every iteration.
 */
export function tick(): void {
  if ((++ticks & 4095) === 0 && active && Date.now() > active.deadline) {
    throw new BudgetExceeded(`The script ran past its time limit`);
  }
}

/** Enters a function call; past the depth limit the script fails (a runaway recursion). */
export function enter(): void {
  if (++depth > (active?.maxDepth ?? 500)) {
    depth = 0;
    throw new BudgetExceeded(`Stack overflow: more than ${active?.maxDepth ?? 500} nested function calls`);
  }
  tick();
}

export function leave(): void {
  depth--;
}
