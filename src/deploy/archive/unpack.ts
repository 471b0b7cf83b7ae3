import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ArchiveError } from './archive-error.js';
import { contentChecksum } from './checksum.js';
import { walkFiles } from './contents.js';
import type { Manifest } from './manifest.js';
import { compareVersions, MANIFEST_FILE, parseManifest, RUNTIME_VERSION } from './manifest.js';
import type { ArchiveLimits, ArchiveSink, FileSink } from './read-archive.js';
import { DEFAULT_LIMITS, readArchive } from './read-archive.js';

export interface UnpackOptions {
  /** Defaults: 10,000 entries, 200 MB uncompressed. */
  readonly limits?: Partial<ArchiveLimits>;
  /** The runtime the app must be able to run on; defaults to this flowrt's version. */
  readonly runtimeVersion?: string;
}

// More than any sane manifest, small enough to hold in memory whatever the archive claims.
const MAX_MANIFEST_BYTES = 64 * 1024;

/**
 * Extracts an app archive into `destDir`, which must not exist yet (or be empty), and returns
 * its manifest. Refuses, with ArchiveError, anything but a gzipped tar of plain files that
 * `flowrt package` could have written for this runtime: see {@link readArchive}, a missing or
 * invalid manifest, a checksum that does not match the content, a minRuntimeVersion newer than
 * this runtime. On failure `destDir` is left as it was.
 *
 * @example
 * ```ts
 * const manifest = await unpackApp(await readFile('orders-1.2.0.tgz'), 'apps/orders');
 * ```
 */
export async function unpackApp(archive: Buffer, destDir: string, options: UnpackOptions = {}): Promise<Manifest> {
  const dest = resolve(destDir);
  if (!(await isEmptyOrMissing(dest))) throw new ArchiveError('destination-exists', `${dest} already exists and is not empty; unpack into a new folder`);
  await mkdir(dirname(dest), { recursive: true });
  // A dot-folder beside the destination: the rename below stays on one file system, and a
  // scan of the apps folder skips it while it is incomplete.
  const staging = await mkdtemp(join(dirname(dest), `.${basename(dest)}.unpacking-`));
  try {
    await readArchive(archive, diskSink(staging), { ...DEFAULT_LIMITS, ...options.limits });
    const manifest = await readManifestFile(staging);
    await verifyContent(staging, manifest);
    const runtime = options.runtimeVersion ?? RUNTIME_VERSION;
    if (compareVersions(manifest.minRuntimeVersion, runtime) > 0) {
      throw new ArchiveError(
        'runtime-too-old',
        `${manifest.name} ${manifest.version} needs flowrt ${manifest.minRuntimeVersion} or newer; this is flowrt ${runtime}`,
      );
    }
    // POSIX rename replaces an empty folder; Windows' does not.
    await rmdir(dest).catch(() => {});
    await rename(staging, dest);
    return manifest;
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/**
 * The manifest of an app archive, without extracting it: the same refusals as
 * {@link unpackApp} except the checksum and runtime checks, which need the content.
 */
export async function readManifest(archive: Buffer, options: UnpackOptions = {}): Promise<Manifest> {
  let text: string | undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  const ignore: FileSink = { write: async () => {}, close: async () => {} };
  const keep: FileSink = {
    write: async (chunk) => {
      size += chunk.length;
      if (size > MAX_MANIFEST_BYTES) throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE} is larger than ${MAX_MANIFEST_BYTES} bytes`);
      chunks.push(chunk);
    },
    close: async () => void (text = Buffer.concat(chunks).toString('utf8')),
  };
  await readArchive(
    archive,
    { directory: async () => {}, file: async (path) => (path === MANIFEST_FILE ? keep : ignore) },
    { ...DEFAULT_LIMITS, ...options.limits },
  );
  if (text === undefined) throw missingManifest();
  return parseManifest(text);
}

function diskSink(root: string): ArchiveSink {
  const target = (path: string): string => {
    const full = resolve(root, path);
    // entryPath already refused every way out; this holds even if it had a bug.
    if (!full.startsWith(root + sep)) throw new ArchiveError('unsafe-entry', `entry "${path}" resolves outside the destination`);
    return full;
  };
  return {
    directory: async (path) => void (await mkdir(target(path), { recursive: true })),
    file: async (path) => {
      const full = target(path);
      await mkdir(dirname(full), { recursive: true });
      // wx: never write through something already there.
      const handle = await open(full, 'wx', 0o644);
      return { write: async (chunk) => void (await handle.write(chunk)), close: () => handle.close() };
    },
  };
}

async function readManifestFile(root: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(root, MANIFEST_FILE), 'utf8');
  } catch {
    throw missingManifest();
  }
  if (Buffer.byteLength(text) > MAX_MANIFEST_BYTES) throw new ArchiveError('invalid-manifest', `${MANIFEST_FILE} is larger than ${MAX_MANIFEST_BYTES} bytes`);
  return parseManifest(text);
}

/** Recomputes the checksum over every file extracted: an extra file fails it as surely as an edited one. */
async function verifyContent(root: string, manifest: Manifest): Promise<void> {
  const paths = await walkFiles(root, (_, path) => path !== join(root, MANIFEST_FILE));
  const actual = await contentChecksum(paths, (path) => readFile(join(root, path)));
  if (actual !== manifest.checksum || paths.length !== manifest.files) {
    throw new ArchiveError(
      'checksum-mismatch',
      `the content of ${manifest.name} ${manifest.version} does not match its manifest (${paths.length} files, ${actual}; expected ${manifest.files} files, ${manifest.checksum}): the archive was altered or damaged`,
    );
  }
}

function missingManifest(): ArchiveError {
  return new ArchiveError('invalid-manifest', `the archive has no ${MANIFEST_FILE} at its root: it was not made by \`flowrt package\``);
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
}
