import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ArchiveError } from './archive-error.js';
import { comparePaths } from './checksum.js';
import { MANIFEST_FILE } from './manifest.js';

// Built artefacts, not app content: packing them would nest archives inside archives.
const ARCHIVE_SUFFIXES = ['.tgz', '.tar.gz', '.tar', '.jar', '.zip'];

/** A built artefact's name (.tgz, .zip …), which no app content has. */
export function isArchiveName(name: string): boolean {
  const lower = name.toLowerCase();
  return ARCHIVE_SUFFIXES.some((s) => lower.endsWith(s));
}

/**
 * What `flowrt package` puts into an archive from `dir`: every file except dot-files and
 * dot-folders, node_modules, archives, the app's own manifest (a generated one replaces it)
 * and `exclude` (the archive being written). POSIX paths, sorted.
 *
 * Throws ArchiveError (`unsupported-file`) for a symbolic link or special file: skipping one
 * silently would deploy an app that misses a file it had on the developer's machine.
 */
export async function appContents(dir: string, exclude?: string): Promise<string[]> {
  const root = resolve(dir);
  const skipped = exclude ? resolve(exclude) : undefined;
  const packed = (entry: Dirent, path: string): boolean =>
    !entry.name.startsWith('.') &&
    entry.name !== 'node_modules' &&
    !(entry.isFile() && isArchiveName(entry.name)) &&
    path !== join(root, MANIFEST_FILE) &&
    path !== skipped;
  return walkFiles(root, packed);
}

/** Every regular file below `root` that `keep` accepts (folders included only if kept), as sorted POSIX paths. */
export async function walkFiles(root: string, keep: (entry: Dirent, path: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (!keep(entry, path)) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(rel);
      else {
        const what = entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
        throw new ArchiveError(
          'unsupported-file',
          `${rel} is ${what}; an app archive holds only regular files and folders: replace it with a copy of what it points to, or remove it`,
        );
      }
    }
  };
  await walk(root);
  return out.sort(comparePaths);
}
