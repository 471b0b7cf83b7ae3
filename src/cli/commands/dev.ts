import { devLoop } from '../../deploy/dev-loop.js';
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
    // The same watching as the reloads (debounce, editor temporaries ignored, changes during a try not lost).
    runtime = await new Promise<Runtime>((resolve) => {
      const waiting = devLoop({
        dir,
        log,
        reload: async () => {
          const started = performance.now();
          const ms = () => Math.round(performance.now() - started);
          const r = await attempt();
          if (!r) return { ok: false, diagnostics: [], texts: new Map(), ms: ms() };
          waiting.close();
          resolve(r);
          return { ok: true, replaced: [...r.running.app.flows.keys()], kept: 0, ms: ms() };
        },
      });
    });
  }
  const started = runtime;
  const loop = devLoop({
    dir,
    reload: () => started.reload(),
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
