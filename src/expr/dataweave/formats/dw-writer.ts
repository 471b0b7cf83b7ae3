import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import type { FormatProperties } from './props.js';
export function writeDw(v: DwValue, props: FormatProperties): string {
  return fail(`not yet ${String(v)} ${Object.keys(props).length}`);
}
