import { createLogger } from '../../deploy/logger.js';
import { loadApp } from '../../deploy/load-app.js';
import type { AppOptions } from '../options.js';
import { report } from '../report.js';

/** `flowrt validate [APP_DIR]`: every problem at once; exit 1 when there is an error. */
export async function validate(dir: string, options: AppOptions): Promise<number> {
  const loaded = await loadApp({ dir, env: options.env, props: options.prop, log: createLogger('silent') });
  const errors = report(loaded.diagnostics, loaded.texts);
  if (errors > 0) return 1;
  const flows = loaded.app?.flows.size ?? 0;
  process.stdout.write(`${loaded.name}: valid (${flows} flow${flows === 1 ? '' : 's'})\n`);
  return 0;
}
