import { FlowrtError } from '../../errors/flowrt-error.js';

/**
 * Why an app archive was refused, as a literal union so that callers can `switch` on it.
 *
 * - `not-an-archive`: not gzip, not tar, truncated, or compressed twice
 * - `unsafe-entry`: an absolute path, `..`, a link, a device or a duplicate path
 * - `too-many-entries` / `too-large`: past the limits (zip bombs stop here, early)
 * - `invalid-manifest`: `flowrt-app.json` missing or malformed, or a bad name or version
 * - `checksum-mismatch`: the content is not what was packed
 * - `runtime-too-old`: the app needs a newer flowrt
 * - `destination-exists`: unpacking never overwrites an app folder
 * - `unsupported-file`: packing met a symbolic link or special file
 */
export type ArchiveErrorCode =
  | 'not-an-archive'
  | 'unsafe-entry'
  | 'too-many-entries'
  | 'too-large'
  | 'invalid-manifest'
  | 'checksum-mismatch'
  | 'runtime-too-old'
  | 'destination-exists'
  | 'unsupported-file';

/**
 * An app archive that cannot be packed or unpacked; the message says what and what to do.
 *
 * @example
 * ```ts
 * try { await unpackApp(bytes, 'apps/orders'); }
 * catch (e) { if (e instanceof ArchiveError && e.code === 'checksum-mismatch') rejectUpload(e.message); }
 * ```
 */
export class ArchiveError extends FlowrtError<ArchiveErrorCode> {}
