import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwObjectLike, DwValue, Entry } from '../../values/model.js';
import { entriesOf, makeObject } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { int, test } from './util.js';

/**
 * dw::core::Objects. Entry lambdas get `(value, key)`, as the module documents. A key is its
 * name (a String): keySet cannot hand back a key's XML attributes or namespace as a Key value
 * would, so keySet and nameSet answer the same names.
 */

/** A key's attributes as an object, or null when it has none (entrySet's `attributes`). */
function attributesOf(e: Entry): DwValue {
  return e.attrs === undefined || e.attrs.length === 0 ? null : makeObject(e.attrs);
}

/** The entries up to the first one `accept` rejects. */
function entriesWhile(o: DwObjectLike, accept: (e: Entry) => boolean): Entry[] {
  const out: Entry[] = [];
  for (const e of entriesOf(o)) {
    if (!accept(e)) break;
    out.push(e);
  }
  return out;
}

export const OBJECTS: FunctionTable = {
  divideBy: defineFunction('divideBy', [
    overload('Object, Number', (o: DwObjectLike, n: Num) => {
      const size = int(n);
      if (size <= 0) fail(`divideBy: the amount must be greater than 0`);
      const entries = entriesOf(o);
      const out: DwValue[] = [];
      for (let i = 0; i < entries.length; i += size) out.push(makeObject(entries.slice(i, i + size)));
      return out;
    }),
    overload('Null, Any', () => null),
  ]),
  entrySet: defineFunction('entrySet', [
    overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => ({ key: e.key, value: e.value, attributes: attributesOf(e) }))),
    overload('Null', () => null),
  ]),
  keySet: defineFunction('keySet', [overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => e.key)), overload('Null', () => null)]),
  nameSet: defineFunction('nameSet', [overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => e.key)), overload('Null', () => null)]),
  valueSet: defineFunction('valueSet', [overload('Object', (o: DwObjectLike) => entriesOf(o).map((e) => e.value)), overload('Null', () => null)]),
  everyEntry: defineFunction('everyEntry', [
    overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => entriesOf(o).every((e) => test(fn, 'everyEntry', e.value, e.key))),
    overload('Null, Function', () => true),
  ]),
  someEntry: defineFunction('someEntry', [
    overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => entriesOf(o).some((e) => test(fn, 'someEntry', e.value, e.key))),
    overload('Null, Function', () => false),
  ]),
  takeWhile: defineFunction('takeWhile', [
    overload('Object, Function', (o: DwObjectLike, fn: DwFunction) => makeObject(entriesWhile(o, (e) => test(fn, 'takeWhile', e.value, e.key)))),
    overload('Null, Function', () => null),
  ]),
  /** The source's fields whose keys the target lacks, then the target's: the target wins. */
  mergeWith: defineFunction('mergeWith', [
    overload('Object, Object', (source: DwObjectLike, target: DwObjectLike) => {
      const targetEntries = entriesOf(target);
      const targetKeys = new Set(targetEntries.map((e) => e.key));
      return makeObject([...entriesOf(source).filter((e) => !targetKeys.has(e.key)), ...targetEntries]);
    }),
    overload('Null, Any', (_s: null, target: DwValue) => target),
    overload('Any, Null', (source: DwValue) => source),
  ]),
};
