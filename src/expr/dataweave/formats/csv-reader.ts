import type { DwValue } from '../values/model.js';
import { ObjectBuilder } from '../values/model.js';
import { charProp, columnKey } from './csv-options.js';
import type { FormatProperties } from './props.js';
import { boolProp, numProp } from './props.js';

interface Syntax {
  readonly separator: string;
  readonly quote: string;
  readonly escape: string;
}

/**
 * CSV as DataWeave reads it: an array of objects, one a row, keyed by the header's names (or
 * `column_0`, `column_1` … with `header=false`); every value a string. Quoted fields may hold
 * separators and line breaks; a doubled quote stands for a quote, and so does the `escape`
 * character before a quote, an escape or (outside quotes) a separator. Before anything else
 * the escape character is itself, so a Windows path reads as written.
 */
export function readCsv(text: string, props: FormatProperties): DwValue {
  const syntax: Syntax = { separator: charProp(props, 'separator', ','), quote: charProp(props, 'quote', '"'), escape: charProp(props, 'escape', '\\') };
  const header = boolProp(props, 'header', true);
  const ignoreEmpty = boolProp(props, 'ignoreEmptyLine', true);
  const headerLine = numProp(props, 'headerLineNumber', 0);
  const bodyStart = numProp(props, 'bodyStartLineNumber', 0);
  const records = parseRecords(text, syntax).filter((r) => !(ignoreEmpty && r.length === 1 && r[0] === ''));
  let names: string[] = [];
  let first = 0;
  if (header) {
    names = records[headerLine] ?? [];
    first = Math.max(headerLine + 1, bodyStart);
  } else first = bodyStart;
  const rows: DwValue[] = [];
  for (let i = first; i < records.length; i++) {
    const b = new ObjectBuilder();
    records[i]!.forEach((value, n) => b.add({ key: names[n] ?? columnKey(n), value }));
    rows.push(b.build());
  }
  return rows;
}

/** The records of a CSV text; a last empty line (the usual final line break) is no record. */
function parseRecords(s: string, { separator, quote, escape }: Syntax): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = s.length;
  // Runs of ordinary characters are taken whole (one slice, not a character at a time).
  const plainRun = runOfNone([separator, quote, escape, '\n', '\r']);
  const quotedRun = runOfNone([quote, escape]);
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < n) {
    const run = quoted ? quotedRun : plainRun;
    run.lastIndex = i;
    if (run.test(s)) {
      field += s.slice(i, run.lastIndex);
      i = run.lastIndex;
      continue;
    }
    const c = s[i]!;
    if (quoted) {
      if (c === escape && escape !== quote && (s[i + 1] === quote || s[i + 1] === escape)) {
        field += s[i + 1];
        i += 2;
      } else if (c === quote) {
        if (s[i + 1] === quote) {
          field += quote;
          i += 2;
        } else {
          quoted = false;
          i++;
        }
      } else {
        field += c;
        i++;
      }
    } else if (c === separator) {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else if (c === quote && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (c === escape && (s[i + 1] === separator || s[i + 1] === quote || s[i + 1] === escape)) {
      field += s[i + 1];
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return records;
}

/** A sticky regex matching a run of characters other than `chars`. */
function runOfNone(chars: string[]): RegExp {
  const set = [...new Set(chars)].map((c) => c.replace(/[\\^\]-]/g, '\\$&')).join('');
  return new RegExp(`[^${set}]+`, 'y');
}
