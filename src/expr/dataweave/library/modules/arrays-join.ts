import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwValue } from '../../values/model.js';
import { formatNumber, isNum } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { call } from './util.js';

/**
 * dw::core::Arrays' join, leftJoin and outerJoin: SQL-style joins of two arrays on an id each
 * criteria lambda extracts. Ids compare as strings (the criteria are declared `-> String`; a
 * number or boolean id is taken as its text, as DataWeave would coerce it). Results keep the
 * left array's order, each left item followed by its right matches in the right array's order.
 */

type Arr = readonly DwValue[];

function idOf(fn: DwFunction, item: DwValue, name: string): string {
  const id = call(fn, item);
  if (typeof id === 'string') return id;
  if (isNum(id)) return formatNumber(id);
  if (typeof id === 'boolean') return String(id);
  return fail(`The criteria given to '${name}' must return a String`);
}

interface Joined {
  readonly pairs: DwValue[];
  /** Right items no left item matched, in order. */
  readonly unmatchedRight: DwValue[];
}

function joinArrays(name: string, left: Arr, right: Arr, leftId: DwFunction, rightId: DwFunction, keepLeft: boolean): Joined {
  const byId = new Map<string, number[]>();
  right.forEach((r, i) => {
    const id = idOf(rightId, r, name);
    const list = byId.get(id);
    if (list) list.push(i);
    else byId.set(id, [i]);
  });
  const matched = new Set<number>();
  const pairs: DwValue[] = [];
  for (const l of left) {
    const hits = byId.get(idOf(leftId, l, name));
    if (hits) {
      for (const i of hits) {
        matched.add(i);
        pairs.push({ l, r: right[i]! });
      }
    } else if (keepLeft) pairs.push({ l });
  }
  return { pairs, unmatchedRight: right.filter((_r, i) => !matched.has(i)) };
}

function joinFn(name: string, answer: (j: Joined) => DwValue[], keepLeft: boolean): DwFunction {
  return defineFunction(name, [
    overload('Array, Array, Function, Function', (left: Arr, right: Arr, lf: DwFunction, rf: DwFunction) =>
      answer(joinArrays(name, left, right, lf, rf, keepLeft)),
    ),
  ]);
}

export const ARRAY_JOINS: FunctionTable = {
  join: joinFn('join', (j) => j.pairs, false),
  leftJoin: joinFn('leftJoin', (j) => j.pairs, true),
  outerJoin: joinFn('outerJoin', (j) => [...j.pairs, ...j.unmatchedRight.map((r) => ({ r }))], true),
};
