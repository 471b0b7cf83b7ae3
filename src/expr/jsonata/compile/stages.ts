import { tick } from './budget.js';
import { boolize, isNumeric } from './coerce.js';
import type { Frame, Tuple } from './frame.js';
import { tupleFrame } from './frame.js';
import type { Seq } from './sequence.js';
import { seq, seqOf } from './sequence.js';
import type { Compiler, Node } from './types.js';

/** A step's stage: a filter `[…]` or an index binding `#$i` written after one. */
export type Stage = (input: unknown, frame: Frame) => Seq;

/** A predicate `[…]`: a number (or numbers) picks items by index, anything else keeps the items it holds true for. */
export type Filter = (input: unknown, frame: Frame) => Seq;

export function compileStages(stages: readonly Node[] | undefined, c: Compiler): Stage[] | undefined {
  if (!stages) return undefined;
  return stages.map((stage): Stage => {
    if (stage.type === 'index') {
      const name = stage.value as string;
      return (input) => {
        const tuples = input as Seq;
        for (let i = 0; i < tuples.length; i++) (tuples[i] as Tuple)[name] = i;
        return tuples;
      };
    }
    const filter = compileFilter(stage.expr as Node, c);
    return (input, frame) => filter(input, frame);
  });
}

export function runStages(stages: readonly Stage[], input: unknown, frame: Frame): Seq {
  let result = input as Seq;
  for (const stage of stages) result = stage(result, frame);
  return result;
}

export function compileFilter(predicate: Node, c: Compiler): Filter {
  if (predicate.type === 'number') {
    const wanted = Math.floor(predicate.value as number);
    return (input) => {
      const items = Array.isArray(input) ? input : seqOf(input);
      const results = seq();
      if ((input as Partial<Seq> | undefined)?.tupleStream) results.tupleStream = true;
      const item: unknown = items[wanted < 0 ? items.length + wanted : wanted];
      if (item === undefined) return results;
      if (Array.isArray(item)) return item as Seq;
      results.push(item);
      return results;
    };
  }
  const test = c.compile(predicate);
  return (input, frame) => {
    const tuples = (input as Partial<Seq> | undefined)?.tupleStream === true;
    const items = Array.isArray(input) ? input : seqOf(input);
    const results = seq();
    if (tuples) results.tupleStream = true;
    for (let index = 0; index < items.length; index++) {
      tick();
      const item: unknown = items[index];
      const res = tuples ? test((item as Tuple)['@'], tupleFrame(frame, item as Tuple)) : test(item, frame);
      if (isNumeric(res)) {
        if (indexOf(res, items.length) === index) results.push(item);
      } else if (isNumbers(res)) {
        for (const n of res) if (indexOf(n, items.length) === index) results.push(item);
      } else if (boolize(res)) results.push(item);
    }
    return results;
  };
}

function indexOf(n: number, length: number): number {
  const i = Math.floor(n);
  return i < 0 ? length + i : i;
}

function isNumbers(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => isNumeric(v));
}
