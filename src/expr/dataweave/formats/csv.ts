import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import type { FormatProperties } from './props.js';
export function readCsv(text: string, props: FormatProperties): DwValue {
  return fail(`not yet ${text.length} ${Object.keys(props).length}`);
}
export function writeCsv(v: DwValue, props: FormatProperties): string {
  return fail(`not yet ${String(v)} ${Object.keys(props).length}`);
}
