/** The prototype of every null record: empty, itself without a prototype, never changed. */
const NO_MEMBERS: object = Object.freeze(Object.create(null) as object);

function NullRecord(): void {}
NullRecord.prototype = NO_MEMBERS;

/**
 * An empty object for keys that come from outside (query parameters, form fields, URI
 * parameters): nothing inherited, so `constructor`, `toString` or `__proto__` are keys like any
 * other (and `__proto__` set on it is an own property). Unlike `Object.create(null)`, which V8
 * keeps in its slow dictionary mode, it is an ordinary fast object: its prototype is an empty
 * object without one.
 *
 * @example
 * const query = nullRecord<string>();
 * query.constructor = 'x'; // an own key, as any other
 * 'toString' in query; // false
 */
export function nullRecord<T>(): Record<string, T> {
  return new (NullRecord as unknown as new () => Record<string, T>)();
}
