import { sep } from 'node:path';
import { devLoop } from '../../deploy/dev-loop.js';
import { watchTree } from '../../deploy/watch-tree.js';
import { createLogger } from '../../deploy/logger.js';
import type { Runtime } from '../../deploy/start-runtime.js';
import { startRuntime } from '../../deploy/start-runtime.js';
import type { AppOptions } from '../options.js';
import { adminOptions, logLevel, redisUrl } from '../options.js';
import { report } from '../report.js';
import { untilSignalled } from '../signals.js';

/**
 * `flowrt dev [APP_DIR]`: `start`, then reload on every change to the app folder. An app that
 * does not build at first is reported and retried on the next change instead of exiting.
 */
export async function dev(dir: string, options: AppOptions): Promise<number> {
  const log = createLogger(logLevel(options.logLevel), process.stdout.isTTY === true);
  const admin = adminOptions(options);
  const attempt = async (): Promise<Runtime | undefined> => {
    try {
      const started = await startRuntime({ dir, env: options.env, props: options.prop, log, managerFile: options.manager, admin, redis: redisUrl(options) });
      report(started.diagnostics, started.texts);
      return started.runtime;
    } catch (e) {
      process.stderr.write(`error: ${(e as Error).message}\n`);
      return undefined;
    }
  };
  let runtime = await attempt();
  if (!runtime) {
    log.warn({ dir }, 'the app does not start: waiting for a change to try again');
    runtime = await new Promise<Runtime>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let busy = false;
      const tree = watchTree(dir, {
        skip: (path) => path.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'),
        onError: () => undefined,
        onChange: () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (busy) return;
            busy = true;
            void attempt().then((r) => {
              busy = false;
              if (r) {
                tree.close();
                resolve(r);
              }
            });
          }, 100);
        },
      });
    });
  }
  const started = runtime;
  const loop = devLoop({
    dir,
    runtime: started,
    log,
    onReload: (outcome) => {
      if (!outcome.ok) report(outcome.diagnostics, outcome.texts);
    },
  });
  return untilSignalled(log, async () => {
    loop.close();
    await started.stop();
  });
}
