import { fail } from '../values/eval-error.js';

/** The formats flowrt reads and writes, by DataWeave's format ids. */
export type FormatId = 'json' | 'ndjson' | 'java' | 'text' | 'xml' | 'csv' | 'urlencoded' | 'multipart' | 'dw' | 'binary';

export interface MediaType {
  /** `type/subtype`, lower-cased, without parameters. */
  readonly mime: string;
  readonly format: FormatId;
  /** The parameters after `;` (`charset`, or reader properties as Mule passes them: `application/csv; separator=|`). */
  readonly params: Readonly<Record<string, string>>;
}

/** The ids DataWeave also accepts in place of a MIME type (`output json`, `read(x, "csv")`). */
const IDS: Readonly<Record<string, FormatId>> = {
  json: 'json',
  ndjson: 'ndjson',
  java: 'java',
  text: 'text',
  xml: 'xml',
  csv: 'csv',
  urlencoded: 'urlencoded',
  multipart: 'multipart',
  dw: 'dw',
  binary: 'binary',
};

/** The format a `type/subtype` names, following each format's documented MIME patterns (`*\/json`, `*\/*+json` …). */
function formatOfMime(mime: string): FormatId | undefined {
  const [type, subtype] = mime.split('/', 2) as [string, string | undefined];
  if (subtype === undefined) return IDS[type];
  if (subtype === 'x-ndjson') return 'ndjson';
  if (subtype === 'json' || subtype.endsWith('+json')) return 'json';
  if (subtype === 'xml' || subtype.endsWith('+xml')) return 'xml';
  if (subtype === 'csv') return 'csv';
  if (mime === 'application/java') return 'java';
  if (mime === 'application/dw') return 'dw';
  if (mime === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart') return 'multipart';
  if (mime === 'application/octet-stream') return 'binary';
  if (type === 'text') return 'text';
  return undefined;
}

/** Parses `type/subtype; a=b; c="d"`. Undefined when the type names no format flowrt has. */
export function parseMediaType(mimeType: string): MediaType | undefined {
  const [head, ...rest] = mimeType.split(';');
  const mime = head!.trim().toLowerCase();
  const format = formatOfMime(mime);
  if (format === undefined) return undefined;
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const name = p.slice(0, eq).trim();
    let value = p.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name) params[name] = value;
  }
  return { mime, format, params };
}

export function mediaTypeOf(mimeType: string): MediaType {
  return parseMediaType(mimeType) ?? fail(`Unknown content type '${mimeType}'`);
}
