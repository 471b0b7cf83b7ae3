import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { ReloadOutcome, Runtime } from './start-runtime.js';

export interface DevLoopOptions {
  readonly dir: string;
  readonly runtime: Runtime;
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
  const { runtime, log } = options;
  const dir = resolve(options.dir);
  const debounceMs = options.debounceMs ?? 80;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const reload = async (): Promise<void> => {
    while (pending.size > 0 && !closed) {
      const changed = [...pending].sort();
      pending.clear();
      const outcome = await runtime.reload();
      if (outcome.ok) {
        const flows = outcome.replaced.length > 0 ? outcome.replaced.join(', ') : 'none';
        log.info({ changed, replaced: outcome.replaced, kept: outcome.kept, ms: outcome.ms }, `reloaded ${changed.join(', ')}: flows replaced ${flows} (${outcome.kept} kept) in ${outcome.ms} ms`);
      } else {
        log.error({ changed, problems: outcome.diagnostics.length, ms: outcome.ms }, `reload of ${changed.join(', ')} failed: the last good version keeps serving`);
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

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, name) => {
      if (closed || !name) return;
      const path = relative(dir, resolve(dir, name.toString()));
      if (IGNORED.test(path) || path.split(sep).some((part) => part.startsWith('.') || part === 'node_modules')) return;
      pending.add(path);
      schedule();
    });
    watcher.on('error', (e) => log.warn({ err: e.message }, 'watching the app folder failed'));
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'cannot watch the app folder: no hot reload');
  }
  log.info({ dir }, 'watching for changes');

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
