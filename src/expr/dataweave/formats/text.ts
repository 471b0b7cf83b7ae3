import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { isScalar, scalarText } from './scalar.js';

/**
 * text/plain writes a simple value's text. An object or array has none: DataWeave coerces the
 * value to String and fails the same way (`Cannot coerce Object ({a: 1}) to String`). Null is no text.
 */
export function writeText(v: DwValue): string {
  if (!isScalar(v)) return fail(`Cannot coerce ${describe(v)} to String`);
  return scalarText(v);
}
