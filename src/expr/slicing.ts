import type jsonata from 'jsonata';
import { meter } from '../util/fair-share.js';

/*
 * Long JSONata evaluations step aside for the rest of the process (util/fair-share.ts); short ones,
 * nearly all of them, run straight through at full speed.
 *
 * JSONata awaits an `__evaluate_entry` hook before every step it evaluates: the point where an
 * evaluation can pause. An await per step costs a short evaluation more than its own work, so the
 * hook is handed out only once an evaluation has taken FREE_STEPS steps. Before every step JSONata
 * looks the hook up, from the step's frame up to the evaluation's root frame; the root frame's
 * `lookup`, replaced as JSONata creates the frame (the `__createFrame_push` hook), counts those
 * look-ups and answers "no hook" until then.
 *
 * Both hooks are JSONata internals (jsonata 2.x: evaluate() and createFrame()): JSONata's own suite
 * (test/expr/jsonata-suite.test.ts) and test/expr/slicing.test.ts check them at every upgrade.
 */

const STEP_HOOK = Symbol.for('jsonata.__evaluate_entry');
const FRAME_PUSH = Symbol.for('jsonata.__createFrame_push');
/** Steps an evaluation takes before it may be paused. */
export const FREE_STEPS = 1_024;

/** What a JSONata frame offers: its root (`base`) and the look-up of a name through its chain. */
interface Frame {
  base?: Frame;
  lookup(name: unknown): unknown;
}

/** Makes every evaluation of `expr` take turns with the rest of the process once it runs long. */
export function sliceEvaluations(expr: jsonata.Expression): void {
  expr.assign(FRAME_PUSH as unknown as string, countSteps);
}

function countSteps(enclosing: Frame, frame: Frame): void {
  // Only an evaluation's root frame: the expression's environment, which encloses it, has no base.
  if (enclosing.base !== undefined) return;
  const lookup = frame.lookup;
  let steps = 0;
  let hook: (() => Promise<void> | undefined) | undefined;
  // A plain store on an existing property: the frame keeps its shape.
  frame.lookup = (name) => {
    if (name !== STEP_HOOK) return lookup(name);
    if (hook || ++steps < FREE_STEPS) return hook;
    const step = meter();
    return (hook = () => step());
  };
}
