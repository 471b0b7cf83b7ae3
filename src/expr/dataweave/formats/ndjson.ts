import { describe } from '../values/describe.js';
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { readJson } from './json-reader.js';
import { writeJson } from './json-writer.js';
import type { FormatProperties } from './props.js';
import { boolProp } from './props.js';

/**
 * application/x-ndjson: one JSON value a line, read into an array. Empty lines are skipped
 * (`ignoreEmptyLine`, true by default); an invalid line fails the read unless `skipInvalid`.
 */
export function readNdjson(text: string, props: FormatProperties): DwValue {
  const ignoreEmpty = boolProp(props, 'ignoreEmptyLine', true);
  const skipInvalid = boolProp(props, 'skipInvalid', false);
  const out: DwValue[] = [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.trim() === '') {
      if (ignoreEmpty || skipInvalid) continue;
      out.push(null);
      continue;
    }
    try {
      out.push(readJson(line));
    } catch (e) {
      if (!skipInvalid) throw e;
    }
  }
  return out;
}

/** An array as one compact JSON value a line (JSON's writer with `indent=false`), each line ended by a line break. */
export function writeNdjson(value: DwValue, props: FormatProperties): string {
  if (!Array.isArray(value)) return fail(`Cannot coerce ${describe(value)} to Array: ndjson is written from an Array`);
  const p = { ...props, indent: false };
  return value.map((v) => `${writeJson(v, p)}\n`).join('');
}
