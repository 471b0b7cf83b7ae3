import { fail } from '../values/eval-error.js';
import type { FormatProperties } from './props.js';
import { strProp } from './props.js';

/** A one-character property (`separator`, `quote`, `escape`); DataWeave takes the first character of a longer text. */
export function charProp(props: FormatProperties, name: string, dflt: string): string {
  const v = strProp(props, name, dflt);
  if (v === '') return fail(`Invalid value for property '${name}': expected one character`);
  // DataWeave's own literals arrive already unescaped; MIME parameters may still spell a tab as `\t`.
  return v === '\\t' ? '\t' : v[0]!;
}

/** The key DataWeave gives the n-th column of a row without a header name for it. */
export function columnKey(n: number): string {
  return `column_${n}`;
}
