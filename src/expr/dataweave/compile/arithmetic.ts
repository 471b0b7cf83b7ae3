import { defineFunction, overload } from '../library/define.js';
import { temporalMinus, temporalPlus } from '../temporal/index.js';
import { equals } from '../values/compare.js';
import type { DwObjectLike, DwValue } from '../values/model.js';
import { entriesOf, makeObject } from '../values/model.js';
import type { Num } from '../values/numbers.js';
import { add, divide, multiply, subtract } from '../values/numbers.js';

/**
 * DataWeave's arithmetic operators are dw::Core functions with overloads, so a mismatch reads as
 * DataWeave's (`You called the function '+' with these arguments: …`). `+` and `-` also work on
 * arrays, objects and dates (https://docs.mulesoft.com/dataweave/latest/dw-operators).
 */
const temporalPlusOverloads = [
  overload('Temporal, Period', temporalPlus),
  overload('Period, Temporal', temporalPlus),
  overload('Period, Period', temporalPlus),
];

export const plus = defineFunction('+', [
  overload('Number, Number', (a: Num, b: Num) => add(a, b)),
  overload('Array, Any', (a: DwValue[], b: DwValue) => [...a, b]),
  ...temporalPlusOverloads,
]);

export const minus = defineFunction('-', [
  overload('Number, Number', (a: Num, b: Num) => subtract(a, b)),
  overload('Array, Any', (a: DwValue[], b: DwValue) => a.filter((x) => !equals(x, b))),
  overload('Object, String', (o: DwObjectLike, k: string) => makeObject(entriesOf(o).filter((e) => e.key !== k))),
  overload('Temporal, Period', temporalMinus),
  overload('Temporal, Temporal', temporalMinus),
  overload('Period, Period', temporalMinus),
]);

export const times = defineFunction('*', [overload('Number, Number', (a: Num, b: Num) => multiply(a, b))]);

export const divided = defineFunction('/', [overload('Number, Number', (a: Num, b: Num) => divide(a, b))]);

/** `>>`: prepends an item to an array. */
export const prepend = defineFunction('>>', [overload('Any, Array', (x: DwValue, a: DwValue[]) => [x, ...a])]);

/** `<<`: appends an item to an array. */
export const append = defineFunction('<<', [overload('Array, Any', (a: DwValue[], x: DwValue) => [...a, x])]);

export const negative = defineFunction('-', [overload('Number', (a: Num) => (typeof a === 'number' ? -a : a.neg()))]);
