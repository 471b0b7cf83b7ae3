import { defineFunction, overload } from '../define.js';
import { describe } from '../../values/describe.js';
import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwObjectLike, Entry } from '../../values/model.js';
import { ObjectBuilder, entriesOf, isObject, makeObject } from '../../values/model.js';
import { call, truthy } from './helpers.js';

/**
 * mapObject, filterObject, pluck, keysOf, valuesOf, namesOf, entriesOf. Lambdas get (value, key,
 * index) with the key as a String. Entries that pass through unchanged (filterObject) keep their
 * attributes and namespace, as DataWeave keeps them on the key.
 */

export const mapObject = defineFunction('mapObject', [
  overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => {
    const out = new ObjectBuilder();
    entriesOf(o).forEach((e, i) => {
      const r = call(fn, e.value, e.key, i);
      if (r === null) return;
      if (!isObject(r)) fail(`mapObject expects the lambda to return an Object, got ${describe(r)}`);
      for (const x of entriesOf(r)) out.add(x);
    });
    return out.build();
  }),
  overload('Null, Function', () => null),
]);

export const filterObject = defineFunction('filterObject', [
  overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => makeObject(entriesOf(o).filter((e, i) => truthy(call(fn, e.value, e.key, i))))),
  overload('Null, Function', () => null),
]);

export const pluck = defineFunction('pluck', [
  overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => entriesOf(o).map((e, i) => call(fn, e.value, e.key, i))),
  overload('Null, Function', () => null),
]);

export const keysOf = defineFunction('keysOf', [overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => e.key)), overload('Null', () => null)]);

export const namesOf = defineFunction('namesOf', [overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => e.key)), overload('Null', () => null)]);

export const valuesOf = defineFunction('valuesOf', [overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => e.value)), overload('Null', () => null)]);

/** `{key, value, attributes}` per field; attributes is null when the key has none. */
export const entriesOfFn = defineFunction('entriesOf', [
  overload('Object', (o: DwObjectLike) =>
    entriesOf(o).map((e: Entry) => ({ key: e.key, value: e.value, attributes: e.attrs && e.attrs.length > 0 ? makeObject(e.attrs) : null })),
  ),
  overload('Null', () => null),
]);
