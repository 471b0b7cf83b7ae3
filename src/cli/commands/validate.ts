import { createGateway } from '../../deploy/gateway.js';
import { createLogger } from '../../deploy/logger.js';
import { loadApp } from '../../deploy/load-app.js';
import { warning } from '../../errors/diagnostic.js';
import type { AppOptions } from '../options.js';
import { report } from '../report.js';

/**
 * `flowrt validate [APP_DIR]`: the flows and the API manager document, every problem at once;
 * exit 1 when there is an error.
 */
export async function validate(dir: string, options: AppOptions): Promise<number> {
  const log = createLogger('silent');
  const gateway = createGateway({ dir, managerFile: options.manager, log });
  const managerProblems = await gateway.reload();
  const loaded = await loadApp({ dir, env: options.env, props: options.prop, log });
  const texts = new Map(loaded.texts);
  const managerText = gateway.text();
  if (managerText !== undefined) texts.set(gateway.store.where, managerText);
  const known = new Set(gateway.manager.describe().map((a) => a.apiId));
  const unknown = [...new Set(loaded.app?.apis.values() ?? [])].filter((apiId) => !known.has(apiId))
    .map((apiId) => warning('unknown-api', `API ${apiId} is bound by <api-gateway:autodiscovery> but the API manager has no entry for it: its requests will answer 503`));
  await gateway.stop();
  const errors = report([...managerProblems, ...loaded.diagnostics, ...unknown], texts);
  if (errors > 0) return 1;
  const flows = loaded.app?.flows.size ?? 0;
  process.stdout.write(`${loaded.name}: valid (${flows} flow${flows === 1 ? '' : 's'})\n`);
  return 0;
}
