import { startHost } from '../../deploy/host/start-host.js';
import { createLogger } from '../../deploy/logger.js';
import type { AppOptions } from '../options.js';
import { adminOptions, logLevel, redisUrl } from '../options.js';
import { untilSignalled } from '../signals.js';

export interface RuntimeCliOptions extends AppOptions {
  readonly apps: string;
}

/**
 * `flowrt runtime --apps DIR`: hosts every app archive in DIR and follows the folder; exits 0
 * after SIGTERM/SIGINT has drained every app. Apps that fail to deploy are logged and listed
 * by the admin API; they never stop the runtime.
 */
export async function runtime(options: RuntimeCliOptions): Promise<number> {
  const log = createLogger(logLevel(options.logLevel), process.stdout.isTTY === true);
  let started;
  try {
    started = await startHost({ appsDir: options.apps, log, props: options.prop, env: options.env, admin: adminOptions(options), redis: redisUrl(options) });
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  const host = started;
  return untilSignalled(log, () => host.stop());
}
