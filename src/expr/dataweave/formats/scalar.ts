import { formatTemporal } from '../temporal/index.js';
import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { isObject, isRegex } from '../values/model.js';
import { formatNumber, isNum } from '../values/numbers.js';

/**
 * A simple value as text-based formats (CSV, XML, urlencoded, text/plain) write it: numbers
 * as DataWeave prints them, dates in their default text, a regex as its pattern, bytes in base64.
 * Objects, arrays and functions have no text: `Cannot coerce …`, as DataWeave says.
 */
export function scalarText(v: DwValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isNum(v)) return formatNumber(v);
  if (v === null) return '';
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  if (isRegex(v)) return v.source;
  if (Array.isArray(v) || isObject(v) || typeof v === 'function') return fail(`Cannot coerce ${describe(v)} to String`);
  return formatTemporal(v);
}

/** Whether `v` is written as a simple value (not an object, array or function). */
export function isScalar(v: DwValue): boolean {
  return v === null || typeof v !== 'object' ? typeof v !== 'function' : !Array.isArray(v) && !isObject(v);
}
