import { createGunzip } from 'node:zlib';
import type { ReadEntry } from 'tar';
import { Parser } from 'tar';
import { ArchiveError } from './archive-error.js';
import { entryPath, PathTable } from './entry-path.js';

export interface ArchiveLimits {
  /** Entries (files and folders) an archive may hold. */
  readonly maxEntries: number;
  /** Bytes the archive may hold uncompressed (the tar stream, headers included). */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = Object.freeze({ maxEntries: 10_000, maxBytes: 200 * 1024 * 1024 });

/** Where a checked archive's content goes, in archive order; each call is awaited before the next. */
export interface ArchiveSink {
  directory(path: string): Promise<void>;
  file(path: string): Promise<FileSink>;
}

export interface FileSink {
  write(chunk: Buffer): Promise<void>;
  close(): Promise<void>;
}

type Op = { kind: 'directory' | 'file'; path: string } | { kind: 'data'; chunk: Buffer } | { kind: 'end' };

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * Reads a gzipped tar into `sink`, refusing anything an app archive never holds before it is
 * written: links, devices, absolute paths, `..`, duplicates, and archives past `limits`
 * (counted while decompressing, so a zip bomb stops at the limit, not at the end).
 * Throws ArchiveError.
 */
export async function readArchive(archive: Buffer, sink: ArchiveSink, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<void> {
  if (!startsWith(archive, GZIP)) throw new ArchiveError('not-an-archive', 'not a gzip file: an app archive is the .tgz that `flowrt package` writes');
  const ops: Op[] = [];
  let failure: ArchiveError | undefined;
  const fail = (e: ArchiveError) => (failure ??= e);
  const table = new PathTable();
  let entries = 0;
  let declared = 0;

  const parser = new Parser({ strict: true });
  parser.on('entry', (entry: ReadEntry) => {
    if (failure) return void entry.resume();
    try {
      if (++entries > limits.maxEntries) throw new ArchiveError('too-many-entries', `the archive holds more than ${limits.maxEntries} entries`);
      const kind =
        entry.type === 'Directory' ? 'directory' : entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile' ? 'file' : undefined;
      if (!kind) throw new ArchiveError('unsafe-entry', `${entry.path}: ${entry.type} entries are refused; an app archive holds only files and folders`);
      const path = entryPath(entry.path);
      // Refused on the header, before a byte of a too-large body is inflated.
      declared += entry.size;
      if (declared > limits.maxBytes) throw tooLarge(limits);
      if (path === '' && kind === 'directory') return void entry.resume();
      table.add(path, kind);
      ops.push({ kind, path });
      if (kind === 'file') {
        entry.on('data', (chunk: Buffer) => ops.push({ kind: 'data', chunk }));
        entry.on('end', () => ops.push({ kind: 'end' }));
      } else entry.resume();
    } catch (e) {
      fail(e as ArchiveError);
      entry.resume();
    }
  });
  parser.on('ignoredEntry', (entry: ReadEntry) =>
    fail(new ArchiveError('unsafe-entry', `${entry.path}: ${entry.header.typeKey} entries are refused; an app archive holds only files and folders`)),
  );
  // strict: every tar warning (bad checksum, truncated input, unknown format) is an error.
  parser.on('error', (e: Error) => fail(new ArchiveError('not-an-archive', `not a valid tar archive: ${e.message}`, { cause: e })));
  const ended = new Promise<void>((done) => parser.on('end', () => done()));

  let open: FileSink | undefined;
  const drain = async (): Promise<void> => {
    for (const op of ops.splice(0)) {
      if (op.kind === 'directory') await sink.directory(op.path);
      else if (op.kind === 'file') open = await sink.file(op.path);
      else if (op.kind === 'data') await open!.write(op.chunk);
      else {
        await open!.close();
        open = undefined;
      }
    }
    if (failure) throw failure;
  };

  const gunzip = createGunzip();
  gunzip.end(archive);
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      // tar's parser would inflate a nested gzip or zstd stream itself, past our count.
      if (inflated === 0 && (startsWith(chunk, GZIP) || startsWith(chunk, ZSTD))) throw new ArchiveError('not-an-archive', 'the archive is compressed twice');
      inflated += chunk.length;
      if (inflated > limits.maxBytes) throw tooLarge(limits);
      parser.write(chunk);
      await drain();
    }
    if (inflated === 0) throw new ArchiveError('not-an-archive', 'the archive is empty');
    parser.end();
    if (!failure) await ended;
    await drain();
  } catch (e) {
    gunzip.destroy();
    await open?.close();
    // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR …): a bad header, a bad CRC, a truncated stream.
    if (String((e as NodeJS.ErrnoException).code).startsWith('Z_')) {
      throw new ArchiveError('not-an-archive', `not a readable gzip file: ${(e as Error).message}`, { cause: e });
    }
    throw e;
  }
}

function tooLarge(limits: ArchiveLimits): ArchiveError {
  return new ArchiveError('too-large', `the archive holds more than ${limits.maxBytes} bytes uncompressed`);
}

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
