import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
export function readUrlEncoded(text: string): DwValue {
  return fail(`not yet ${text.length}`);
}
export function writeUrlEncoded(v: DwValue): string {
  return fail(`not yet ${String(v)}`);
}
