import { createHash } from 'node:crypto';

/** Code-unit order: the same on every platform and locale, unlike `localeCompare`. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `sha256:<hex>` over files in sorted path order, each as `path NUL bytes NUL`, so that a
 * renamed or moved file changes it as much as an edited one. Paths are POSIX and relative.
 */
export async function contentChecksum(paths: readonly string[], read: (path: string) => Promise<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for (const path of [...paths].sort(comparePaths)) {
    hash
      .update(path)
      .update('\0')
      .update(await read(path))
      .update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}
