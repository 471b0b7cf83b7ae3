/*
 * The array functions of JSONata (functions.js): $append, $reverse, $sort, $shuffle, $zip,
 * $distinct. Which results are sequences (flattening into their parent) and which plain arrays
 * follows functions.js, since the difference shows in what the expression around them returns.
 */
import { createSequence, isArrayOfNumbers, isArrayOfStrings, isSequence, JsonataError, type Builtin, type CallContext } from '../values.js';
import { deepEqual } from '../values.js';

/**
 * `arg2` after `arg1`; a single value counts as an array of one, an undefined one as nothing.
 *
 * @example
 * append([1, 2], 3); // [1, 2, 3]
 */
export function append(arg1: unknown, arg2: unknown): unknown {
  if (arg1 === undefined) return arg2;
  if (arg2 === undefined) return arg1;
  const first = Array.isArray(arg1) ? arg1 : createSequence(arg1);
  return first.concat(Array.isArray(arg2) ? arg2 : [arg2]);
}

function reverse(arr: unknown[] | undefined): unknown[] | undefined {
  if (arr === undefined || arr.length <= 1) return arr;
  return arr.slice().reverse();
}

/**
 * A stable merge sort: `comparator(a, b)` truthy means b goes first. Without one, numbers or
 * strings sort ascending (D3070 for anything else). The halves split and merge exactly as
 * functions.js does, so even an inconsistent comparator gives the library's order.
 */
function sort(this: CallContext, arr: unknown[] | undefined, comparator?: unknown): unknown[] | undefined {
  if (arr === undefined || arr.length <= 1) return arr;
  let swap: (a: unknown, b: unknown) => unknown;
  if (comparator === undefined) {
    if (!isArrayOfNumbers(arr) && !isArrayOfStrings(arr)) {
      throw new JsonataError(
        'D3070',
        'The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function',
      );
    }
    swap = (a, b) => (a as number) > (b as number);
  } else {
    swap = (a, b) => this.apply(comparator, [a, b]);
  }
  return mergeSort(arr, swap);
}

function mergeSort(array: unknown[], swap: (a: unknown, b: unknown) => unknown): unknown[] {
  if (array.length <= 1) return array;
  const middle = Math.floor(array.length / 2);
  const left = mergeSort(array.slice(0, middle), swap);
  const right = mergeSort(array.slice(middle), swap);
  const merged: unknown[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    if (swap(left[l], right[r])) merged.push(right[r++]);
    else merged.push(left[l++]);
  }
  while (l < left.length) merged.push(left[l++]);
  while (r < right.length) merged.push(right[r++]);
  return merged;
}

/** Fisher–Yates, the "inside-out" variant functions.js uses. */
function shuffle(arr: unknown[] | undefined): unknown[] | undefined {
  if (arr === undefined || arr.length <= 1) return arr;
  const result = new Array<unknown>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const j = Math.floor(Math.random() * (i + 1));
    if (i !== j) result[i] = result[j];
    result[j] = arr[i];
  }
  return result;
}

/** The i-th items of every array, as long as the shortest one. */
function zip(...args: unknown[]): unknown[][] {
  if (args.length === 0) return [];
  const length = Math.min(...args.map((arg) => (Array.isArray(arg) ? arg.length : 0)));
  const result: unknown[][] = [];
  for (let i = 0; i < length; i++) result.push(args.map((arg) => (arg as unknown[])[i]));
  return result;
}

/** The values with duplicates (deep-equal ones) dropped, first occurrences kept in order. */
function distinct(arr: unknown): unknown {
  if (!Array.isArray(arr) || arr.length <= 1) return arr;
  const results: unknown[] = isSequence(arr) ? createSequence() : [];
  for (const value of arr) {
    if (!results.some((seen) => deepEqual(value, seen))) results.push(value);
  }
  return results;
}

export const ARRAYS: Readonly<Record<string, Builtin>> = {
  append: { signature: '<xx:a>', impl: append },
  reverse: { signature: '<a:a>', impl: reverse },
  sort: { signature: '<af?:a>', impl: sort },
  shuffle: { signature: '<a:a>', impl: shuffle },
  zip: { signature: '<a+>', impl: zip },
  distinct: { signature: '<x:x>', impl: distinct },
};
