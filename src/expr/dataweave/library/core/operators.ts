import { defineFunction, overload } from '../define.js';
import { equals } from '../../values/compare.js';
import type { DwObjectLike, DwValue } from '../../values/model.js';
import { entriesOf, makeObject } from '../../values/model.js';
import { concatTemporal } from './dates.js';
import { toText } from './helpers.js';
import { fail } from '../../values/eval-error.js';

/** `++` and `--`. */

const TEMPORAL_PAIRS = [
  'Date, LocalTime',
  'LocalTime, Date',
  'Date, Time',
  'Time, Date',
  'Date, TimeZone',
  'TimeZone, Date',
  'LocalDateTime, TimeZone',
  'TimeZone, LocalDateTime',
  'LocalTime, TimeZone',
  'TimeZone, LocalTime',
];

export const plusPlus = defineFunction('++', [
  overload('Array, Array', (a: DwValue[], b: DwValue[]) => a.concat(b)),
  // Numbers, booleans and dates join text as their text ("Total: " ++ 3): define.ts coerces them.
  overload('String, String', (a: string, b: string) => a + b),
  // Fields of both, in order; repeated keys, attributes and namespaces are kept.
  overload('Object, Object', (a: DwObjectLike, b: DwObjectLike) => makeObject([...entriesOf(a), ...entriesOf(b)])),
  ...TEMPORAL_PAIRS.map((p) => overload(p, (a: DwValue, b: DwValue) => concatTemporal(a, b) ?? fail(`Cannot concatenate ${p}`))),
]);

/** Keys to drop, as strings (`-- ["a", "b"]` or keys from keysOf). */
function keyNames(keys: readonly DwValue[]): Set<string> {
  return new Set(keys.map((k) => toText(k, 'Key')));
}

export const minusMinus = defineFunction('--', [
  // Every occurrence of every listed item goes.
  overload('Array, Array', (a: DwValue[], remove: DwValue[]) => a.filter((x) => !remove.some((r) => equals(x, r)))),
  // Fields whose key and value both match a field of the right side.
  overload('Object, Object', (a: DwObjectLike, remove: DwObjectLike) => {
    const gone = entriesOf(remove);
    return makeObject(entriesOf(a).filter((e) => !gone.some((r) => r.key === e.key && equals(r.value, e.value))));
  }),
  // Every field under one of the keys.
  overload('Object, Array', (a: DwObjectLike, keys: DwValue[]) => {
    const names = keyNames(keys);
    return makeObject(entriesOf(a).filter((e) => !names.has(e.key)));
  }),
  overload('Null, Any', () => null),
]);
