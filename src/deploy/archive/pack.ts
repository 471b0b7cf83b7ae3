import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Header, Pack, ReadEntry } from 'tar';
import { contentChecksum } from './checksum.js';
import { appContents } from './contents.js';
import type { Manifest } from './manifest.js';
import { appIdentity, MANIFEST_FILE } from './manifest.js';

export interface PackOptions {
  /** Overrides the app's own name (flowrt-app.json, package.json, folder name). */
  readonly name?: string;
  readonly version?: string;
  /** `createdAt`, and every entry's mtime: the same files and time give the same bytes. */
  readonly now?: Date;
}

export interface PackResult {
  readonly manifest: Manifest;
  /** Absolute path of the archive written. */
  readonly file: string;
  /** Size of the archive. */
  readonly bytes: number;
}

/**
 * Writes the app in `dir` as a gzipped tar to `outFile`: its files (see {@link appContents})
 * in sorted order after a generated `flowrt-app.json`. Does not validate the app's flows
 * (`flowrt package` does that first). Throws ArchiveError for a bad name or version, or for a
 * symbolic link in the app.
 *
 * @example
 * ```ts
 * const { manifest, bytes } = await packApp('apps/orders', 'orders-1.2.0.tgz');
 * ```
 */
export async function packApp(dir: string, outFile: string, options: PackOptions = {}): Promise<PackResult> {
  const root = resolve(dir);
  const file = resolve(outFile);
  const identity = appIdentity(root, options);
  const paths = await appContents(root, file);
  // Read once: the checksum covers exactly the bytes packed, even if a file changes meanwhile.
  const content = new Map<string, Buffer>();
  for (const path of paths) content.set(path, await readFile(join(root, path)));
  const now = options.now ?? new Date();
  const manifest: Manifest = Object.freeze({
    ...identity,
    createdAt: now.toISOString(),
    checksum: await contentChecksum(paths, async (path) => content.get(path)!),
    files: paths.length,
  });

  // Portable: no uid, gid, user names or gzip OS byte, so the bytes do not depend on the machine.
  const pack = new Pack({ portable: true, gzip: { portable: true } });
  const bytes = pack.concat();
  add(pack, MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), now);
  for (const path of paths) add(pack, path, content.get(path)!, now);
  pack.end();
  const archive = await bytes;

  // Written beside the target and renamed, so a failed pack never leaves half an archive.
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, archive);
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return { manifest, file, bytes: archive.length };
}

function add(pack: Pack, path: string, body: Buffer, mtime: Date): void {
  const entry = new ReadEntry(new Header({ path, type: 'File', size: body.length, mode: 0o644, mtime }));
  pack.add(entry);
  entry.end(body);
}
