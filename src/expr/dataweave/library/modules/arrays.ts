import { equals } from '../../values/compare.js';
import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwValue } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { add, isNum, toDouble } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { ARRAY_JOINS } from './arrays-join.js';
import { call, int, test } from './util.js';

/**
 * dw::core::Arrays. Lambdas get the parameters each function documents (`firstWith` also the
 * index); a predicate must answer a Boolean. Where the module declares a Null overload, null in
 * gives what the docs say (null, or true for `every`, false for `some`).
 */

type Arr = readonly DwValue[];

/** The index of the first item `accept` accepts, or -1. */
function findIndex(arr: Arr, accept: (item: DwValue, index: number) => boolean): number {
  for (let i = 0; i < arr.length; i++) if (accept(arr[i]!, i)) return i;
  return -1;
}

/** An amount of items: a negative one means none. */
const count = (n: Num): number => Math.max(0, int(n));

const nullTo = (value: DwValue, rest = 'Any') => overload(`Null, ${rest}`, () => value);

export const ARRAYS: FunctionTable = {
  countBy: defineFunction('countBy', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => arr.reduce<number>((n, x) => (test(fn, 'countBy', x) ? n + 1 : n), 0)),
    nullTo(null),
  ]),
  sumBy: defineFunction('sumBy', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => {
      let total: Num = 0;
      for (const x of arr) {
        const v = call(fn, x);
        if (!isNum(v)) fail(`The selector given to 'sumBy' must return a Number`);
        total = add(total, v);
      }
      return total;
    }),
    nullTo(null),
  ]),
  divideBy: defineFunction('divideBy', [
    overload('Array, Number', (arr: Arr, n: Num) => {
      const size = int(n);
      if (size <= 0) fail(`divideBy: the amount must be greater than 0 (it is ${toDouble(n)})`);
      const out: DwValue[] = [];
      for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
      return out;
    }),
    nullTo(null),
  ]),
  every: defineFunction('every', [overload('Array, Function', (arr: Arr, fn: DwFunction) => arr.every((x) => test(fn, 'every', x))), nullTo(true)]),
  some: defineFunction('some', [overload('Array, Function', (arr: Arr, fn: DwFunction) => arr.some((x) => test(fn, 'some', x))), nullTo(false)]),
  drop: defineFunction('drop', [overload('Array, Number', (arr: Arr, n: Num) => arr.slice(count(n))), nullTo(null)]),
  take: defineFunction('take', [overload('Array, Number', (arr: Arr, n: Num) => arr.slice(0, count(n))), nullTo(null)]),
  dropWhile: defineFunction('dropWhile', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => {
      const i = findIndex(arr, (x) => !test(fn, 'dropWhile', x));
      return i < 0 ? [] : arr.slice(i);
    }),
    nullTo(null),
  ]),
  takeWhile: defineFunction('takeWhile', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => {
      const i = findIndex(arr, (x) => !test(fn, 'takeWhile', x));
      return i < 0 ? arr.slice() : arr.slice(0, i);
    }),
    nullTo(null),
  ]),
  firstWith: defineFunction('firstWith', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => {
      const i = findIndex(arr, (x, i) => test(fn, 'firstWith', x, i));
      return i < 0 ? null : arr[i]!;
    }),
    nullTo(null),
  ]),
  indexOf: defineFunction('indexOf', [overload('Array, Any', (arr: Arr, v: DwValue) => arr.findIndex((x) => equals(x, v))), nullTo(-1)]),
  indexWhere: defineFunction('indexWhere', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => findIndex(arr, (x) => test(fn, 'indexWhere', x))),
    nullTo(-1),
  ]),
  partition: defineFunction('partition', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => {
      const success: DwValue[] = [];
      const failure: DwValue[] = [];
      for (const x of arr) (test(fn, 'partition', x) ? success : failure).push(x);
      return { success, failure };
    }),
    nullTo(null),
  ]),
  slice: defineFunction('slice', [
    overload('Array, Number, Number', (arr: Arr, from: Num, until: Num) => {
      const a = Math.max(0, int(from));
      const b = Math.min(arr.length, int(until));
      return a >= b ? [] : arr.slice(a, b);
    }),
    nullTo(null, 'Any, Any'),
  ]),
  splitAt: defineFunction('splitAt', [
    overload('Array, Number', (arr: Arr, n: Num) => {
      const i = count(n);
      return { l: arr.slice(0, i), r: arr.slice(i) };
    }),
    nullTo(null),
  ]),
  splitWhere: defineFunction('splitWhere', [
    overload('Array, Function', (arr: Arr, fn: DwFunction) => {
      const i = findIndex(arr, (x) => test(fn, 'splitWhere', x));
      return i < 0 ? { l: arr.slice(), r: [] } : { l: arr.slice(0, i), r: arr.slice(i) };
    }),
    nullTo(null),
  ]),
  ...ARRAY_JOINS,
};
