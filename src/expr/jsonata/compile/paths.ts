import { tick } from './budget.js';
import type { Frame } from './frame.js';
import type { Seq } from './sequence.js';
import { collapse, isSeq, seq, seqOf } from './sequence.js';
import type { Stage } from './stages.js';
import { compileStages, runStages } from './stages.js';
import type { Step } from './tuples.js';
import { tupleStep } from './tuples.js';
import type { Compiler, Evaluator, Node } from './types.js';
import { compileSort } from './sort.js';
import type { Grouping } from './objects.js';
import { compileGrouping } from './objects.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A location path `a.b[…].c`: each step maps over the sequence the previous one made, its results
 * flattened into one sequence. Steps that bind (`@$x`, `#$i`, `%`) switch the path to a stream of
 * tuples (tuples.ts).
 */
export function compilePath(node: Node, c: Compiler): Evaluator {
  const nodes = node.steps as Node[];
  const steps = nodes.map((s) => compileStep(s, c));
  const absolute = nodes[0]!.type === 'variable';
  const group = node.group ? compileGrouping(node.group as Node, c) : undefined;
  const path: PathRun = { steps, keepSingleton: node.keepSingletonArray === true, tuple: node.tuple === true, group };
  const general: Evaluator = (input, frame) => runPath(path, 0, Array.isArray(input) && !absolute ? input : seqOf(input), frame);
  const names = plainNames(node, nodes);
  return names ? namePath(names, path, general) : general;
}

interface PathRun {
  readonly steps: readonly Step[];
  readonly keepSingleton: boolean;
  readonly tuple: boolean;
  readonly group: Grouping | undefined;
}

function compileStep(node: Node, c: Compiler): Step {
  return {
    run: node.type === 'sort' ? undefined : c.compile(node),
    sort: node.type === 'sort' ? compileSort(node, c) : undefined,
    stages: compileStages(node.stages as Node[] | undefined, c),
    tuple: node.tuple === true,
    focus: node.focus as string | undefined,
    index: node.index as string | undefined,
    ancestor: (node.ancestor as { label?: string } | undefined)?.label,
    consarray: node.consarray === true,
  };
}

function runPath(path: PathRun, start: number, from: unknown[], frame: Frame): unknown {
  const steps = path.steps;
  let input: unknown = from;
  let result: unknown;
  let tuples: Seq | undefined;
  let streaming = false;
  for (let i = start; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.tuple) streaming = true;
    if (i === 0 && step.consarray) result = step.run!(input, frame);
    else if (streaming) tuples = tupleStep(step, input as unknown[], tuples, frame);
    else result = evaluateStep(step, input as unknown[], frame, i === steps.length - 1);
    if (!streaming && (result === undefined || (result as unknown[]).length === 0)) break;
    if (step.focus === undefined) input = result;
  }
  if (streaming) {
    if (path.tuple) result = tuples;
    else {
      const out = seq();
      for (const t of tuples!) out.push((t as Record<string, unknown>)['@']);
      result = out;
    }
  }
  if (path.keepSingleton && result !== undefined) {
    if (Array.isArray(result) && (result as Seq).cons && !isSeq(result)) result = seqOf(result);
    if (isSeq(result)) result.keepSingleton = true;
  }
  if (path.group) result = path.group(streaming ? tuples : result, frame);
  return result;
}

/** One step over every item of the sequence before it, the results flattened (a `[…]` constructor's array kept whole). */
function evaluateStep(step: Step, input: unknown[], frame: Frame, last: boolean): unknown {
  if (step.sort) {
    const sorted = step.sort(input, frame);
    return step.stages ? runStages(step.stages, sorted, frame) : sorted;
  }
  const run = step.run!;
  const stages: readonly Stage[] | undefined = step.stages;
  const out = seq();
  let count = 0;
  let first: unknown;
  for (let i = 0; i < input.length; i++) {
    tick();
    let res = run(input[i], frame);
    if (stages) for (const stage of stages) res = stage(res, frame);
    if (res === undefined) continue;
    if (count++ === 0) first = res;
    if (!Array.isArray(res) || (res as Seq).cons) out.push(res);
    else for (const v of res) out.push(v);
  }
  // The last step's only value, an array from the data, is the path's value as it is.
  if (last && count === 1 && Array.isArray(first) && !isSeq(first)) return first;
  return out;
}

/** The names of a path of plain name steps (`payload.order.id`), which runs without building sequences while it meets no array. */
function plainNames(node: Node, nodes: readonly Node[]): string[] | undefined {
  if (node.group || node.keepSingletonArray || node.tuple) return undefined;
  const plain = (s: Node) =>
    s.type === 'name' && !s.stages && !s.predicate && !s.group && !s.tuple && !s.focus && !s.index && !s.keepArray && typeof s.value === 'string';
  return nodes.every(plain) ? nodes.map((s) => s.value as string) : undefined;
}

function namePath(names: readonly string[], path: PathRun, general: Evaluator): Evaluator {
  const last = names.length - 1;
  return (input, frame) => {
    if (Array.isArray(input)) return general(input, frame);
    let current: unknown = input;
    for (let i = 0; ; i++) {
      const name = names[i]!;
      const value = current !== null && typeof current === 'object' && hasOwn.call(current, name) ? (current as Record<string, unknown>)[name] : undefined;
      if (value === undefined) return undefined;
      if (i === last) return isSeq(value) ? collapse(copy(value), false) : value;
      if (Array.isArray(value)) return runPath(path, i + 1, (value as Seq).cons ? seqOf(value) : value, frame);
      current = value;
    }
  };
}

/** A sequence the data held (an earlier result): the path flattens it into a new one. */
function copy(value: Seq): Seq {
  const out = seq();
  for (const v of value) out.push(v);
  return out;
}
