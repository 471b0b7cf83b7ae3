import { createGateway } from '../../deploy/gateway-wiring.js';
import { createLogger } from '../../deploy/logger.js';
import { loadApp } from '../../deploy/load-app.js';
import { warning } from '../../errors/diagnostic.js';
import type { AppOptions } from '../options.js';
import { report } from '../report.js';

export interface CheckResult {
  readonly name: string;
  readonly errors: number;
  readonly flows: number;
  readonly subFlows: number;
}

/**
 * Checks the flows and the API manager document of the app in `dir` and prints every problem
 * (`path:line:col` with code frames) to stderr: what `flowrt validate` and `flowrt package` share.
 */
export async function checkApp(dir: string, options: AppOptions): Promise<CheckResult> {
  const log = createLogger('silent');
  const gateway = createGateway({ dir, managerFile: options.manager, log });
  const managerProblems = await gateway.reload();
  // Properties not defined by the app may come from where it runs (flowrt runtime --prop, deploy --prop …).
  const loaded = await loadApp({ dir, env: options.env, props: options.prop, log, undefinedProperties: 'warning' });
  const texts = new Map(loaded.texts);
  const managerText = gateway.text();
  if (managerText !== undefined) texts.set(gateway.store.where, managerText);
  const known = new Set(gateway.manager.describe().map((a) => a.apiId));
  const unknown = [...new Set(loaded.app?.apis.values() ?? [])]
    .filter((apiId) => !known.has(apiId))
    .map((apiId) =>
      warning('unknown-api', `API ${apiId} is bound by <api-gateway:autodiscovery> but the API manager has no entry for it: its requests will answer 503`),
    );
  await gateway.stop();
  const errors = report([...managerProblems, ...loaded.diagnostics, ...unknown], texts);
  return { name: loaded.name, errors, flows: loaded.declared.flows, subFlows: loaded.declared.subFlows };
}
