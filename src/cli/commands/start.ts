import { createLogger } from '../../deploy/logger.js';
import { startRuntime } from '../../deploy/start-runtime.js';
import type { AppOptions } from '../options.js';
import { adminOptions, logLevel, redisUrl } from '../options.js';
import { report } from '../report.js';
import { untilSignalled } from '../signals.js';

/**
 * `flowrt start [APP_DIR]`: load, report problems (exit 1), serve until SIGTERM/SIGINT, then
 * drain in-flight requests and exit 0. A second signal exits at once.
 */
export async function start(dir: string, options: AppOptions): Promise<number> {
  const log = createLogger(logLevel(options.logLevel), process.stdout.isTTY === true);
  let started;
  try {
    started = await startRuntime({
      dir,
      env: options.env,
      props: options.prop,
      log,
      managerFile: options.manager,
      admin: adminOptions(options),
      redis: redisUrl(options),
    });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  report(started.diagnostics, started.texts);
  if (!started.runtime) return 1;
  const runtime = started.runtime;
  return untilSignalled(log, () => runtime.stop());
}
