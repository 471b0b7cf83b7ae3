/**
 * Reading and writing DataWeave's formats (json, java, text, xml, csv, urlencoded, multipart …).
 * STUB: the signatures below are the contract; a later change fills them in.
 */
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';

/** Writer or reader properties (`indent: false`, `separator: ";"` …), already evaluated. */
export type FormatProperties = Readonly<Record<string, DwValue>>;

/**
 * `read(content, mime, props)` and how a payload arriving as text/bytes is read by its MIME type.
 * `content` is a string or bytes; for application/java it is returned as is.
 */
export function readValue(content: DwValue, mimeType: string, props: FormatProperties = {}): DwValue {
  return fail(`not implemented: read ${mimeType} ${typeof content} ${Object.keys(props).length}`);
}

/**
 * `write(value, mime, props)`: text (a string) for textual formats, bytes for binary ones.
 */
export function writeValue(value: DwValue, mimeType: string, props: FormatProperties = {}): DwValue {
  return fail(`not implemented: write ${mimeType} ${typeof value} ${Object.keys(props).length}`);
}

/** Whether a MIME type names a format flowrt reads and writes (for load-time checks of `output`/`input`). */
export function isKnownFormat(mimeType: string): boolean {
  return mimeType.length < 0;
}
