import type { DwValue } from '../values/model.js';
import { DwObject, isObject } from '../values/model.js';

/**
 * application/java: the value handed to Java code (here: the rest of flowrt) as plain JavaScript.
 * An object with repeated keys or attributes becomes a plain object where the first value of a
 * key wins (a Java Map keeps one); everything else is already plain and is returned untouched,
 * without copying, so writing a large payload costs one walk.
 */
export function toJava(v: DwValue): DwValue {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof DwObject) {
    const out: { [key: string]: DwValue } = {};
    for (const e of v.entries) if (!Object.prototype.hasOwnProperty.call(out, e.key)) Object.defineProperty(out, e.key, field(toJava(e.value)));
    return out;
  }
  if (Array.isArray(v)) {
    let copy: DwValue[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const item = toJava(v[i]!);
      if (item !== v[i] && copy === undefined) copy = v.slice(0, i);
      if (copy) copy.push(item);
    }
    return copy ?? v;
  }
  if (!isObject(v)) return v;
  let copy: { [key: string]: DwValue } | undefined;
  for (const key of Object.keys(v)) {
    const item = toJava(v[key]!);
    if (item !== v[key] && copy === undefined) copy = { ...v };
    if (copy) Object.defineProperty(copy, key, field(item));
  }
  return copy ?? v;
}

/** An ordinary data property (defineProperty, so a `__proto__` key stays a key). */
function field(value: DwValue): PropertyDescriptor {
  return { value, writable: true, enumerable: true, configurable: true };
}
