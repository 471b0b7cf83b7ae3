import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import type { FormatProperties } from './props.js';
import { decodeBytes, strProp } from './props.js';
import { isScalar, scalarText } from './scalar.js';

/**
 * text/plain writes a simple value's text; bytes are written as the text they encode (by
 * `encoding`, UTF-8 by default). An object or array has no text: DataWeave coerces the value to
 * String and fails the same way (`Cannot coerce Object ({a: 1}) to String`). Null is no text.
 */
export function writeText(v: DwValue, props: FormatProperties): string {
  if (v instanceof Uint8Array) return decodeBytes(v, strProp(props, 'encoding'));
  if (!isScalar(v)) return fail(`Cannot coerce ${describe(v)} to String`);
  return scalarText(v);
}
