import { TextDecoder } from 'node:util';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { isNum } from '../values/numbers.js';
import { formatNumber } from '../values/numbers.js';

/** Writer or reader properties (`indent: false`, `separator: ";"` …), already evaluated. */
export type FormatProperties = Readonly<Record<string, DwValue>>;

/**
 * A boolean property. DataWeave also takes the text `"true"`/`"false"`, which is how properties
 * arrive from a MIME type's parameters (`application/json; indent=false`).
 */
export function boolProp(props: FormatProperties, name: string, dflt: boolean): boolean {
  const v = props[name];
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return fail(`Invalid value for property '${name}': expected a Boolean but got '${String(v)}'`);
}

/** A string property (numbers and booleans are taken as their text). */
export function strProp(props: FormatProperties, name: string, dflt: string): string;
export function strProp(props: FormatProperties, name: string, dflt?: string): string | undefined;
export function strProp(props: FormatProperties, name: string, dflt?: string): string | undefined {
  const v = props[name];
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (isNum(v)) return formatNumber(v);
  return fail(`Invalid value for property '${name}': expected a String`);
}

/** A property that takes one of a few words (`skipNullOn: "arrays"`). */
export function oneOf<T extends string>(props: FormatProperties, name: string, allowed: readonly T[]): T | undefined {
  const v = strProp(props, name);
  if (v === undefined) return undefined;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  return fail(`Invalid value '${v}' for property '${name}'. Valid values are: ${allowed.join(', ')}`);
}

export function numProp(props: FormatProperties, name: string, dflt: number): number {
  const v = props[name];
  if (v === undefined || v === null) return dflt;
  const n = typeof v === 'number' ? v : Number(strProp(props, name));
  if (!Number.isFinite(n)) fail(`Invalid value for property '${name}': expected a Number but got '${String(v)}'`);
  return n;
}

/** Node's TextDecoder labels are the WHATWG ones, which cover the Java charset names Mule apps use. */
export function decodeBytes(bytes: Uint8Array, encoding: string | undefined): string {
  const label = (encoding ?? 'utf-8').trim().toLowerCase();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label === 'utf-16' ? 'utf-16be' : label);
  } catch {
    return fail(`Unsupported encoding '${encoding}'`);
  }
  // TextDecoder drops a byte order mark, which is not content (Java's readers drop it too).
  return decoder.decode(bytes);
}

/** The content a reader gets as text: a string as it is, bytes decoded by `encoding`. */
export function contentText(content: DwValue, props: FormatProperties, format: string): string {
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return decodeBytes(content, strProp(props, 'encoding'));
  if (content === null) return '';
  return fail(`Unable to read ${format}: the content must be a String or Binary, not ${describeType(content)}`);
}

function describeType(v: DwValue): string {
  if (Array.isArray(v)) return 'an Array';
  return typeof v === 'object' ? 'an Object' : typeof v;
}
