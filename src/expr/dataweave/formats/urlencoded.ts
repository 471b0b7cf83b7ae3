import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { ObjectBuilder, entriesOf, isObject } from '../values/model.js';
import { isScalar, scalarText } from './scalar.js';

/**
 * `a=1&b=x+y` as DataWeave reads it: an object of strings, a repeated key repeated (`payload.*key`),
 * `+` a space, percent-escapes decoded as UTF-8; a key without `=` has the empty string.
 */
export function readUrlEncoded(text: string): DwValue {
  const b = new ObjectBuilder();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    b.add({ key, value: eq < 0 ? '' : decode(pair.slice(eq + 1)) });
  }
  return b.build();
}

function decode(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // A stray % is itself, as lenient form decoders read it.
    return plus.replace(/(?:%[0-9a-fA-F]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
  }
}

/**
 * An object as `key=value&…`, encoded as Java's URLEncoder does (DataWeave's documented output:
 * `key+1=%40here`): letters, digits and `.-*_` stay, a space is `+`, the rest is %XX of UTF-8.
 * A null value writes the key alone; an array value repeats the key.
 */
export function writeUrlEncoded(value: DwValue): string {
  if (value === null) return '';
  if (!isObject(value)) return fail(`Cannot coerce ${describe(value)} to Object: urlencoded is written from an Object`);
  const parts: string[] = [];
  for (const e of entriesOf(value)) {
    for (const v of Array.isArray(e.value) ? e.value : [e.value]) {
      if (v === null) parts.push(encode(e.key));
      else if (isScalar(v)) parts.push(`${encode(e.key)}=${encode(scalarText(v))}`);
      else fail(`Cannot coerce ${describe(v)} to String: a urlencoded value is a simple value`);
    }
  }
  return parts.join('&');
}

function encode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
