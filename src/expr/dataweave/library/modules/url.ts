import { fail } from '../../values/eval-error.js';
import type { DwValue } from '../../values/model.js';
import { formatNumber, isNum } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { parseURI } from './url-parse.js';

/**
 * dw::core::URL. The encode/decode functions are JavaScript's own, which DataWeave's are modelled
 * on (same unescaped sets, UTF-8 escapes); malformed input is a DataWeave error instead of a URIError.
 */

function guarded(name: string, fn: (s: string) => string): (s: string) => string {
  return (s) => {
    try {
      return fn(s);
    } catch {
      return fail(`${name}: malformed URI sequence in ${JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s)}`);
    }
  };
}

function textFn(name: string, fn: (s: string) => string) {
  return defineFunction(name, [overload('String', guarded(name, fn))]);
}

/** An interpolated value of `compose`: its text, encoded as a URI component. */
function part(v: DwValue): string {
  if (typeof v === 'string') return encodeURIComponent(v);
  if (isNum(v) || typeof v === 'boolean') return encodeURIComponent(typeof v === 'boolean' ? String(v) : formatNumber(v));
  return fail(`compose: an interpolated value must be a String`);
}

export const URL: FunctionTable = {
  encodeURI: textFn('encodeURI', encodeURI),
  encodeURIComponent: textFn('encodeURIComponent', encodeURIComponent),
  decodeURI: textFn('decodeURI', decodeURI),
  decodeURIComponent: textFn('decodeURIComponent', decodeURIComponent),
  parseURI: defineFunction('parseURI', [overload('String', parseURI)]),
  /** The literal parts interleaved with the encoded interpolations (compose `http://x/$(path)`). */
  compose: defineFunction('compose', [
    overload('Array, Array', (parts: readonly DwValue[], values: readonly DwValue[]) => {
      let out = '';
      parts.forEach((p, i) => {
        out += typeof p === 'string' ? p : fail('compose: the literal parts must be Strings');
        if (i < values.length) out += part(values[i]!);
      });
      return out;
    }),
  ]),
};
