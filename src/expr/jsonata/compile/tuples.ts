import { tick } from './budget.js';
import type { Frame, Tuple } from './frame.js';
import { tupleFrame } from './frame.js';
import type { Seq } from './sequence.js';
import { seq } from './sequence.js';
import type { Stage } from './stages.js';
import { runStages } from './stages.js';
import type { Evaluator } from './types.js';

/** A compiled step of a path, with what it binds. */
export interface Step {
  readonly run: Evaluator | undefined;
  readonly sort: ((input: unknown[], frame: Frame) => unknown[]) | undefined;
  readonly stages: readonly Stage[] | undefined;
  readonly tuple: boolean;
  /** `@$name`: the step's value is bound to $name and the context stays the previous step's. */
  readonly focus: string | undefined;
  /** `#$name`: the position of the value among the step's results. */
  readonly index: string | undefined;
  /** The label `%` reads: the context this step ran on. */
  readonly ancestor: string | undefined;
  readonly consarray: boolean;
}

/**
 * A step of a path that carries bindings: each tuple holds the context (`@`) and every name bound
 * so far, and the step runs in a frame of its tuple's names.
 */
export function tupleStep(step: Step, input: unknown[], tuples: Seq | undefined, frame: Frame): Seq {
  if (step.sort) {
    let result: Seq;
    if (tuples) result = step.sort(tuples, frame) as Seq;
    else {
      const sorted = step.sort(input, frame);
      result = seq();
      result.tupleStream = true;
      for (let i = 0; i < sorted.length; i++) {
        const tuple: Tuple = { '@': sorted[i] };
        if (step.index !== undefined) tuple[step.index] = i;
        result.push(tuple);
      }
    }
    return step.stages ? runStages(step.stages, result, frame) : result;
  }
  const result = seq();
  result.tupleStream = true;
  const from = tuples ?? input.map((item): Tuple => ({ '@': item }));
  for (const bound of from as Tuple[]) {
    tick();
    let res = step.run!(bound['@'], tupleFrame(frame, bound));
    if (res === undefined) continue;
    if (!Array.isArray(res)) res = [res];
    const values = res as Seq;
    for (let b = 0; b < values.length; b++) {
      const tuple: Tuple = Object.create(null) as Tuple;
      Object.assign(tuple, bound);
      if (values.tupleStream) Object.assign(tuple, values[b]);
      else {
        if (step.focus !== undefined) {
          tuple[step.focus] = values[b];
          tuple['@'] = bound['@'];
        } else tuple['@'] = values[b];
        if (step.index !== undefined) tuple[step.index] = b;
        if (step.ancestor !== undefined) tuple[step.ancestor] = bound['@'];
      }
      result.push(tuple);
    }
  }
  return step.stages ? runStages(step.stages, result, frame) : result;
}
