import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue, Entry } from '../values/model.js';
import { entriesOf, isObject } from '../values/model.js';
import { charProp, columnKey } from './csv-options.js';
import type { FormatProperties } from './props.js';
import { boolProp, strProp } from './props.js';
import { isScalar, scalarText } from './scalar.js';

interface Options {
  readonly separator: string;
  readonly quote: string;
  readonly escape: string;
  readonly quoteValues: boolean;
}

/**
 * CSV as DataWeave writes it: an array of objects (or one object), one a row, each row's values
 * in its own order; the first row's keys make the header. A value holding the separator, the
 * quote or a line break is quoted, its quotes escaped with `escape`; `quoteValues` quotes all.
 */
export function writeCsv(value: DwValue, props: FormatProperties): string {
  const o: Options = {
    separator: charProp(props, 'separator', ','),
    quote: charProp(props, 'quote', '"'),
    escape: charProp(props, 'escape', '\\'),
    quoteValues: boolProp(props, 'quoteValues', false),
  };
  const eol = strProp(props, 'lineSeparator', '\n');
  const rows = rowsOf(value);
  if (rows.length === 0) return '';
  let out = '';
  if (boolProp(props, 'header', true)) {
    const quoteHeader = boolProp(props, 'quoteHeader', false);
    out += rows[0]!.map((e) => field(e.key, o, quoteHeader)).join(o.separator) + eol;
  }
  for (const row of rows) out += row.map((e) => field(cell(e.value), o, o.quoteValues)).join(o.separator) + eol;
  return out;
}

function rowsOf(value: DwValue): (readonly Entry[])[] {
  if (value === null) return [];
  if (isObject(value)) return [entriesOf(value)];
  if (!Array.isArray(value)) return fail(`Cannot coerce ${describe(value)} to Array: CSV is written from an Array of Objects`);
  return value.map((row) => {
    if (isObject(row)) return entriesOf(row);
    // A row given as an array of values has no names: its columns are column_0, column_1 …
    if (Array.isArray(row)) return row.map((v, n) => ({ key: columnKey(n), value: v }));
    return fail(`Cannot coerce ${describe(row)} to Object: each CSV row is an Object`);
  });
}

function cell(v: DwValue): string {
  if (!isScalar(v)) return fail(`Cannot coerce ${describe(v)} to String: a CSV value is a simple value`);
  return scalarText(v);
}

function field(text: string, o: Options, always: boolean): string {
  const needs =
    always ||
    text.includes(o.separator) ||
    text.includes(o.quote) ||
    text.includes('\n') ||
    text.includes('\r') ||
    // Unquoted, these would read back as escapes.
    (o.escape !== o.quote && (text.includes(o.escape + o.escape) || text.endsWith(o.escape)));
  if (!needs) return text;
  let body = text;
  // An escape character is doubled only where the reader would take it for an escape: before a quote, an escape or the closing quote.
  if (o.escape !== o.quote) body = body.replace(new RegExp(`${re(o.escape)}(?=${re(o.escape)}|${re(o.quote)}|$)`, 'g'), o.escape + o.escape);
  body = body.split(o.quote).join(o.escape + o.quote);
  return o.quote + body + o.quote;
}

function re(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
