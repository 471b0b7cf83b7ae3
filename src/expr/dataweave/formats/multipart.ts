import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import type { FormatProperties } from './props.js';
export function readMultipart(content: DwValue, props: FormatProperties): DwValue {
  return fail(`multipart/form-data is not supported by flowrt yet ${String(content).length} ${Object.keys(props).length}`);
}
export function writeMultipart(v: DwValue, props: FormatProperties, boundary: string | undefined): DwValue {
  return fail(`multipart/form-data is not supported by flowrt yet ${String(v).length} ${Object.keys(props).length} ${boundary}`);
}
