import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue, Entry } from '../values/model.js';
import { DwObject, entriesOf, isObject, isRegex } from '../values/model.js';
import { formatNumber, isNum } from '../values/numbers.js';
import type { FormatProperties } from './props.js';
import { boolProp, oneOf } from './props.js';
import { scalarText } from './scalar.js';

interface Options {
  readonly indent: boolean;
  readonly skipNullInArrays: boolean;
  readonly skipNullInObjects: boolean;
  readonly duplicateKeyAsArray: boolean;
  readonly writeAttributes: boolean;
}

/**
 * JSON as DataWeave writes it: two-space indentation with `"key": value` (JSON.stringify's
 * layout, which the fast path uses when the value is plain JSON), or one line with
 * `"key": value` pairs joined by a bare comma when `indent=false`.
 */
export function writeJson(value: DwValue, props: FormatProperties): string {
  const skip = oneOf(props, 'skipNullOn', ['arrays', 'objects', 'everywhere'] as const);
  const o: Options = {
    indent: boolProp(props, 'indent', true),
    skipNullInArrays: skip === 'arrays' || skip === 'everywhere',
    skipNullInObjects: skip === 'objects' || skip === 'everywhere',
    duplicateKeyAsArray: boolProp(props, 'duplicateKeyAsArray', false),
    writeAttributes: boolProp(props, 'writeAttributes', false),
  };
  if (o.indent && skip === undefined && isPlainJson(value, 0)) return JSON.stringify(value, null, 2);
  return write(value, o, '');
}

/** Whether JSON.stringify writes `v` exactly as DataWeave does: plain objects, arrays, strings, booleans, null and numbers it prints the same. */
function isPlainJson(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isInteger(v) ? Math.abs(v) < 1e21 : Number.isFinite(v) && Math.abs(v) >= 1e-6;
    case 'object':
      if (v === null) return true;
      if (depth > 1000) return false;
      if (Array.isArray(v)) {
        for (const item of v) if (!isPlainJson(item, depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const key in v) if (!isPlainJson((v as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    default:
      return false;
  }
}

function write(v: DwValue, o: Options, pad: string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isNum(v)) return formatNumber(v);
  if (Array.isArray(v)) return writeArray(v, o, pad);
  if (isObject(v) && !isRegex(v)) return writeObject(entriesOf(v), o, pad);
  if (typeof v === 'function') return fail(`Unable to write ${describe(v)} as JSON`);
  // Dates, regexes and binaries are strings in JSON: their text (binaries in base64).
  return JSON.stringify(scalarText(v));
}

function writeArray(items: readonly DwValue[], o: Options, pad: string): string {
  const inner = o.indent ? `${pad}  ` : '';
  const parts: string[] = [];
  for (const item of items) if (item !== null || !o.skipNullInArrays) parts.push(inner + write(item, o, inner));
  if (parts.length === 0) return '[]';
  return o.indent ? `[\n${parts.join(',\n')}\n${pad}]` : `[${parts.join(',')}]`;
}

function writeObject(entries: readonly Entry[], o: Options, pad: string): string {
  const inner = o.indent ? `${pad}  ` : '';
  const parts: string[] = [];
  const grouped = o.duplicateKeyAsArray ? groupDuplicates(entries) : entries;
  for (const e of grouped) {
    const value = o.writeAttributes && e.attrs?.length ? withAttributes(e) : e.value;
    if (value === null && o.skipNullInObjects) continue;
    parts.push(`${inner}${JSON.stringify(e.key)}: ${write(value, o, inner)}`);
  }
  if (parts.length === 0) return '{}';
  return o.indent ? `{\n${parts.join(',\n')}\n${pad}}` : `{${parts.join(',')}}`;
}

/** `duplicateKeyAsArray`: the values of a repeated key become one array, where the key first appears. */
function groupDuplicates(entries: readonly Entry[]): readonly Entry[] {
  const byKey = new Map<string, DwValue[]>();
  const out: Entry[] = [];
  for (const e of entries) {
    const seen = byKey.get(e.key);
    if (seen) {
      seen.push(e.value);
      continue;
    }
    const values = [e.value];
    byKey.set(e.key, values);
    out.push(e);
  }
  return out.map((e) => {
    const values = byKey.get(e.key)!;
    return values.length > 1 ? { ...e, value: values } : e;
  });
}

/** `writeAttributes`: a key's attributes become `@name` fields of its value; a simple value goes under `__text`. */
function withAttributes(e: Entry): DwValue {
  const fields: Entry[] = e.attrs!.map((a) => ({ key: `@${a.key}`, value: a.value }));
  if (isObject(e.value)) fields.push(...entriesOf(e.value));
  else if (e.value !== null) fields.push({ key: '__text', value: e.value });
  return new DwObject(fields);
}
