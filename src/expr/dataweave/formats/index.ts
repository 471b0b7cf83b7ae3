/**
 * Reading and writing DataWeave's formats (json, ndjson, java, text, xml, csv, urlencoded, multipart, dw),
 * with the reader and writer properties DataWeave documents for each.
 */
import { fail } from '../values/eval-error.js';
import type { DwValue } from '../values/model.js';
import { readCsv } from './csv-reader.js';
import { writeCsv } from './csv-writer.js';
import { writeDw } from './dw-writer.js';
import { toJava } from './java.js';
import { readNdjson, writeNdjson } from './ndjson.js';
import { readJson } from './json-reader.js';
import { writeJson } from './json-writer.js';
import type { MediaType } from './mime.js';
import { mediaTypeOf, parseMediaType } from './mime.js';
import type { PartCodec } from './multipart.js';
import { readMultipart, writeMultipart } from './multipart.js';
import type { FormatProperties } from './props.js';
import { contentText } from './props.js';
import { writeText } from './text.js';
import { readUrlEncoded, writeUrlEncoded } from './urlencoded.js';
import { readXml } from './xml-reader.js';
import { writeXml } from './xml-writer.js';
import { KNOWN_PROPERTIES } from './known-properties.js';

export type { FormatProperties } from './props.js';

/** Properties given with the MIME type (`application/csv; separator=|`), under those given explicitly; `charset` is `encoding`. */
function propertiesOf(media: MediaType, props: FormatProperties): FormatProperties {
  const names = Object.keys(media.params);
  if (names.length === 0) return props;
  const merged: Record<string, DwValue> = {};
  for (const name of names) merged[name === 'charset' ? 'encoding' : name] = media.params[name]!;
  return { ...merged, ...props };
}

/**
 * `read(content, mime, props)` and how a payload arriving as text/bytes is read by its MIME type.
 * `content` is a string or bytes; for application/java it is returned as is.
 */
export function readValue(content: DwValue, mimeType: string, props: FormatProperties = {}): DwValue {
  const media = mediaTypeOf(mimeType);
  // A payload flowrt has already read (the HTTP listener parses JSON bodies) is a value, not text: it is kept as it is.
  if (typeof content !== 'string' && !(content instanceof Uint8Array) && content !== null && media.format !== 'binary') return content;
  const p = propertiesOf(media, props);
  switch (media.format) {
    case 'java':
      return content;
    case 'binary':
      return typeof content === 'string' ? new TextEncoder().encode(content) : content;
    case 'json':
      return readJson(contentText(content, p, 'JSON'));
    case 'ndjson':
      return readNdjson(contentText(content, p, 'ndjson'), p);
    case 'text':
      return contentText(content, p, 'text');
    case 'xml':
      return readXml(contentText(content, p, 'XML'), p);
    case 'csv':
      return readCsv(contentText(content, p, 'CSV'), p);
    case 'urlencoded':
      return readUrlEncoded(contentText(content, p, 'urlencoded'));
    case 'multipart':
      return readMultipart(content, p, CODEC);
    case 'dw':
      return fail('Reading application/dw is not supported by flowrt');
  }
}

/** How multipart reads and writes its parts' contents: by their Content-Type, with the parameters it carries. */
const CODEC: PartCodec = { read: (content, mime) => readValue(content, mime), write: (value, mime) => writeValue(value, mime) };

/**
 * `write(value, mime, props)`: text (a string) for textual formats, bytes for binary ones.
 */
export function writeValue(value: DwValue, mimeType: string, props: FormatProperties = {}): DwValue {
  const media = mediaTypeOf(mimeType);
  const p = propertiesOf(media, props);
  switch (media.format) {
    case 'java':
      return toJava(value);
    case 'binary':
      if (value instanceof Uint8Array) return value;
      if (typeof value === 'string') return new TextEncoder().encode(value);
      return fail(`Cannot coerce ${typeof value === 'object' ? 'Object' : typeof value} to Binary`);
    case 'json':
      return writeJson(value, p);
    case 'ndjson':
      return writeNdjson(value, p);
    case 'text':
      return writeText(value, p);
    case 'xml':
      return writeXml(value, p);
    case 'csv':
      return writeCsv(value, p);
    case 'urlencoded':
      return writeUrlEncoded(value);
    case 'multipart':
      return writeMultipart(value, p, CODEC);
    case 'dw':
      return writeDw(value, p);
  }
}

/** Whether a MIME type names a format flowrt reads and writes (for load-time checks of `output`/`input`). */
export function isKnownFormat(mimeType: string): boolean {
  return parseMediaType(mimeType) !== undefined;
}

/**
 * The property names among `names` that the format of `mimeType` does not document, for a
 * load-time warning: at run time unknown properties are ignored. All of them when the MIME type is unknown.
 */
export function unknownProperties(mimeType: string, names: readonly string[]): string[] {
  const media = parseMediaType(mimeType);
  if (!media) return [...names];
  const known = KNOWN_PROPERTIES[media.format];
  return names.filter((n) => !known.includes(n));
}
