import { ArchiveError } from './archive-error.js';

/**
 * An entry's path as a clean relative POSIX path ('' for the root folder), or ArchiveError
 * (`unsafe-entry`) for one that could land outside the destination: absolute, a drive, `..`,
 * a backslash (a separator on Windows), a NUL.
 */
export function entryPath(raw: string): string {
  const refuse = (why: string) => new ArchiveError('unsafe-entry', `entry "${raw}" ${why}; an app archive holds only relative paths inside the app`);
  if (raw.startsWith('/') || /^[a-z]:/i.test(raw)) throw refuse('has an absolute path');
  if (raw.includes('\\') || raw.includes('\0')) throw refuse('has a backslash or NUL in its path');
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw refuse('climbs out with ".."');
  return segments.join('/');
}

/** The paths seen so far: a path may appear once, and never both as a file and as a folder. */
export class PathTable {
  private readonly kinds = new Map<string, 'file' | 'directory'>();

  add(path: string, kind: 'file' | 'directory'): void {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) this.claim(segments.slice(0, i).join('/'), 'directory', path);
    this.claim(path, kind, path);
  }

  private claim(path: string, kind: 'file' | 'directory', entry: string): void {
    const seen = this.kinds.get(path);
    if (seen === 'file' || (seen === 'directory' && kind === 'file')) {
      throw new ArchiveError('unsafe-entry', `entry "${entry}" collides with "${path}" earlier in the archive; each path may appear once`);
    }
    this.kinds.set(path, kind);
  }
}
