import { createLogger } from '../../deploy/logger.js';
import { startRuntime } from '../../deploy/start-runtime.js';
import type { AppOptions } from '../options.js';
import { adminOptions, logLevel } from '../options.js';
import { report } from '../report.js';

/**
 * `flowrt start [APP_DIR]`: load, report problems (exit 1), serve until SIGTERM/SIGINT, then
 * drain in-flight requests and exit 0. A second signal exits at once.
 */
export async function start(dir: string, options: AppOptions): Promise<number> {
  const log = createLogger(logLevel(options.logLevel), process.stdout.isTTY === true);
  let started;
  try {
    started = await startRuntime({ dir, env: options.env, props: options.prop, log, managerFile: options.manager, admin: adminOptions(options) });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  report(started.diagnostics, started.texts);
  if (!started.runtime) return 1;
  const app = started.runtime;
  return new Promise<number>((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        log.warn({ signal }, 'second signal: exiting without waiting');
        resolve(1);
        return;
      }
      signalled = true;
      log.info({ signal }, 'shutting down: finishing requests in flight');
      app.stop().then(() => resolve(0), (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        resolve(1);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
