import type { FSWatcher } from 'node:fs';
import { readdirSync, statSync, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface TreeWatcher {
  /** Files (relative to the root) that exist now, as last seen. */
  readonly files: ReadonlySet<string>;
  close(): void;
}

export interface WatchTreeOptions {
  /** Paths (relative to the root) not to watch or report: dot-folders, node_modules … */
  readonly skip: (path: string) => boolean;
  readonly onChange: (path: string) => void;
  readonly onError: (e: Error) => void;
}

/**
 * Watches a folder tree, one non-recursive watcher per folder. Node 20's `recursive` watch on
 * Linux loses a file once an editor has replaced it by a rename (as vim and `sed -i` save),
 * while a folder's watcher reports every name that changes in it. Folders created later are
 * watched as they appear; files created and removed between two looks (editor temporaries) are
 * left out of `files`, so callers can tell a real deletion from one.
 */
export function watchTree(root: string, options: WatchTreeOptions): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  const files = new Set<string>();
  let closed = false;

  const kind = (path: string): 'file' | 'dir' | undefined => {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  };
  const addDir = (dir: string, report: boolean): void => {
    const rel = relative(root, dir);
    if (closed || watchers.has(dir) || (rel !== '' && options.skip(rel))) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => name && seen(join(dir, name.toString())));
    } catch (e) {
      options.onError(e as Error);
      return;
    }
    watcher.on('error', (e) => options.onError(e));
    watchers.set(dir, watcher);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) addDir(path, report);
      else if (entry.isFile() && !options.skip(relative(root, path))) {
        files.add(relative(root, path));
        if (report) options.onChange(relative(root, path));
      }
    }
  };
  const seen = (path: string): void => {
    const rel = relative(root, path);
    if (closed || options.skip(rel)) return;
    const now = kind(path);
    if (now === 'dir') {
      // A new folder: its files are new too (a copied-in tree arrives as one event).
      addDir(path, true);
      return;
    }
    if (now === 'file') files.add(rel);
    else {
      files.delete(rel);
      for (const [dir, watcher] of watchers) {
        if (dir === path || dir.startsWith(path + sep)) {
          watcher.close();
          watchers.delete(dir);
          for (const f of [...files]) if (f.startsWith(rel + sep)) files.delete(f);
        }
      }
    }
    options.onChange(rel);
  };
  addDir(root, false);
  return {
    files,
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
