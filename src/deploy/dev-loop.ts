import { resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { ReloadOutcome } from './start-runtime.js';
import { watchTree } from './watch-tree.js';

export interface DevLoopOptions {
  readonly dir: string;
  /** Loads the app again and swaps it in (Runtime.reload), or tries to start it while it never has. */
  readonly reload: () => Promise<ReloadOutcome>;
  readonly log: Logger;
  /** How long the folder must be quiet before a reload: editors write a save as several events. */
  readonly debounceMs?: number;
  /** Each reload's outcome, after it is logged (the CLI prints problems with code frames). */
  readonly onReload?: (outcome: ReloadOutcome, changed: readonly string[]) => void;
}

export interface DevLoop {
  close(): void;
}

/** The API manager document has its own watcher (policies change without touching flows). */
const IGNORED = /(^|[\\/])(\.[^\\/]*|node_modules|api-manager\.yaml|[^\\/]*\.(tgz|jar|zip|swp)|[^\\/]*~)$/;

/**
 * `flowrt dev`: watches the app folder (flows, config, schemas, scripts; new and deleted files
 * too) and reloads the runtime after each burst of changes. A reload that fails leaves the last
 * good version serving; changes made during a reload trigger one more after it.
 */
export function devLoop(options: DevLoopOptions): DevLoop {
  const { log } = options;
  const dir = resolve(options.dir);
  const debounceMs = options.debounceMs ?? 80;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const reload = async (): Promise<void> => {
    while (pending.size > 0 && !closed) {
      const changed = [...pending].filter((p) => tree.files.has(p) || known.has(p) || [...known].some((k) => k.startsWith(p + sep))).sort();
      pending.clear();
      known = new Set(tree.files);
      if (changed.length === 0) continue;
      const outcome = await options.reload();
      if (outcome.ok) {
        const flows = outcome.replaced.length > 0 ? outcome.replaced.join(', ') : 'none';
        log.info(
          { changed, replaced: outcome.replaced, kept: outcome.kept, ms: outcome.ms },
          `reloaded ${changed.join(', ')}: flows replaced ${flows} (${outcome.kept} kept) in ${outcome.ms} ms`,
        );
      } else {
        log.error(
          { changed, problems: outcome.diagnostics.length, ms: outcome.ms },
          `reload of ${changed.join(', ')} failed: the last good version keeps serving`,
        );
      }
      options.onReload?.(outcome, changed);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) return; // the running loop picks the pending changes up
      running = reload()
        .catch((e: unknown) => log.error({ err: (e as Error).message }, 'reload failed'))
        .finally(() => (running = undefined));
    }, debounceMs);
  };

  const skip = (path: string) => IGNORED.test(path) || path.split(sep).some((part) => part.startsWith('.') || part === 'node_modules');
  // What existed at the last reload: a name that neither exists now nor did then was a temporary.
  let known = new Set<string>();
  const tree = watchTree(dir, {
    skip,
    onChange: (path) => {
      if (closed) return;
      pending.add(path);
      schedule();
    },
    onError: (e) => log.warn({ err: e.message }, 'watching the app folder failed'),
  });
  known = new Set(tree.files);
  log.info({ dir }, 'watching for changes');

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      tree.close();
    },
  };
}
