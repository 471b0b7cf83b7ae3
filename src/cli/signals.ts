import type { Logger } from 'pino';

/**
 * Resolves with the exit code once SIGTERM or SIGINT has stopped `stop` cleanly (0) or not (1);
 * a second signal exits at once.
 */
export function untilSignalled(log: Logger, stop: () => Promise<void>): Promise<number> {
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
      stop().then(
        () => resolve(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
