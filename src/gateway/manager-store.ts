import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Where the API manager's document lives. The file store is the local source; a remote manager
 * that runtimes poll is another implementation of the same interface.
 */
export interface ManagerStore {
  /** What the store holds, for messages (a path, a URL). */
  readonly where: string;
  /** The document's text; undefined when there is none yet. */
  read(): Promise<string | undefined>;
  /** Replaces the document (admin API changes). */
  write(text: string): Promise<void>;
  /** Calls `changed` after each change made by someone else; returns how to stop watching. */
  watch(changed: () => void): () => void;
}

/**
 * api-manager.yaml on disk, watched: editors that replace the file (write to a temporary, then
 * rename) are seen as well as those that write in place, and a poll catches what file-system
 * events miss. Changes are debounced; a change is only reported when the content differs.
 */
export class FileManagerStore implements ManagerStore {
  private digest?: string;

  constructor(
    readonly where: string,
    private readonly pollMs = 1000,
    private readonly debounceMs = 150,
  ) {}

  async read(): Promise<string | undefined> {
    try {
      const text = await readFile(this.where, 'utf8');
      this.digest = hash(text);
      return text;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async write(text: string): Promise<void> {
    // Written beside the file and renamed over it: a reader never sees half a document.
    const temporary = join(dirname(this.where), `.${basename(this.where)}.${process.pid}.tmp`);
    await writeFile(temporary, text);
    await rename(temporary, this.where);
    this.digest = hash(text);
  }

  watch(changed: () => void): () => void {
    let timer: NodeJS.Timeout | undefined;
    const check = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        readFile(this.where, 'utf8').then(
          (text) => {
            if (hash(text) === this.digest) return;
            this.digest = hash(text);
            changed();
          },
          () => undefined,
        );
      }, this.debounceMs);
    };
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(dirname(this.where), (_, name) => {
        if (!name || name === basename(this.where)) check();
      });
      watcher.on('error', () => undefined);
    } catch {
      watcher = undefined;
    }
    const poll = setInterval(check, this.pollMs);
    poll.unref();
    return () => {
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    };
  }
}

/** A document held in memory: an app without api-manager.yaml, changed only through the admin API. */
export class MemoryManagerStore implements ManagerStore {
  readonly where = 'memory';

  constructor(private text?: string) {}

  async read(): Promise<string | undefined> {
    return this.text;
  }

  async write(text: string): Promise<void> {
    this.text = text;
  }

  watch(): () => void {
    return () => undefined;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
