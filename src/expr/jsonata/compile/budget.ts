import { fail } from './errors.js';
import { StepAside } from './signals.js';

/*
 * The evaluation under way. Compiled evaluation is synchronous, so one record serves, saved and
 * restored around a nested evaluation (a host function evaluating another expression).
 * The limits are JSONata's own (D1011 stack, D1012 timeout), checked cheaply. The library counts
 * depth in nested evaluations; a call knows at compile time how deep it sits in its lambda's body
 * (its `site`), so entering a lambda adds that much and only lambda entries are checked. The clock
 * is read once every CLOCK_EVERY ticks.
 */

export interface Run {
  /** `$$`: the input the evaluation was given. */
  root: unknown;
  /** The `$name` bindings the caller passed (flowrt's $payload …), looked up after the expression's own. */
  bindings: Readonly<Record<string, unknown>> | undefined;
  timeoutMs: number;
  deadline: number;
  maxDepth: number;
  /** When a long evaluation steps aside (0: never). */
  sliceEnd: number;
  /** How deep the running lambda's body starts, in the library's nested evaluations. */
  depth: number;
  /** How deep, within the running body, the call being made sits. */
  site: number;
}

const CLOCK_EVERY = 1024;

export const run: Run = { root: undefined, bindings: undefined, timeoutMs: 0, deadline: 0, maxDepth: 0, sliceEnd: 0, depth: 0, site: 0 };
let ticks = 0;

let active = false;

/** Starts an evaluation; returns the one it interrupts (if any), for {@link restore}. */
export function begin(root: unknown, bindings: Run['bindings'], timeoutMs: number, maxDepth: number, sliceMs = 0): Run | undefined {
  const saved = active ? { ...run } : undefined;
  active = true;
  run.root = root;
  run.bindings = bindings;
  run.timeoutMs = timeoutMs;
  run.deadline = timeoutMs > 0 ? Date.now() + timeoutMs : 0;
  run.maxDepth = maxDepth;
  run.sliceEnd = sliceMs > 0 ? Date.now() + sliceMs : 0;
  run.depth = 0;
  run.site = 0;
  return saved;
}

export function restore(saved: Run | undefined): void {
  if (saved) Object.assign(run, saved);
  else {
    active = false;
    run.root = undefined;
    run.bindings = undefined;
  }
}

/** One unit of work (a step over an item, a call): past the deadline the evaluation fails. */
export function tick(): void {
  if ((++ticks & (CLOCK_EVERY - 1)) !== 0 || (run.deadline === 0 && run.sliceEnd === 0)) return;
  const now = Date.now();
  if (run.sliceEnd !== 0 && now > run.sliceEnd) throw new StepAside();
  if (run.deadline !== 0 && now > run.deadline) fail('D1012', { value: run.timeoutMs });
}

/** Enters a lambda body from the call at `run.site`; past the depth limit the evaluation fails as a runaway recursion. Returns the depth to {@link leave} to. */
export function enter(): number {
  const base = run.depth;
  run.depth = base + run.site;
  if (run.maxDepth > 0 && run.depth + 1 > run.maxDepth) {
    run.depth = base;
    fail('D1011', { value: run.maxDepth });
  }
  tick();
  return base;
}

export function leave(base: number): void {
  run.depth = base;
}

/** Makes a call from `site` (its depth in the body that makes it), restoring the caller's own site after. */
export function callFrom<T>(site: number, call: () => T): T {
  const previous = run.site;
  run.site = site;
  try {
    return call();
  } finally {
    run.site = previous;
  }
}
