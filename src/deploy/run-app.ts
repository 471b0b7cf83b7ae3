import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from '../http/endpoint.js';
import { isHttpEndpoint } from '../http/endpoint.js';
import { HttpServers } from '../http/servers.js';
import type { App } from '../runtime/app.js';

/** An app with its sources bound: serving until stopped. */
export interface RunningApp {
  readonly app: App;
  /** The port a listener config actually bound (useful when it asked for port 0). */
  portOf(configName: string): number | undefined;
  /** Stops accepting, lets in-flight requests finish (up to the app's shutdownTimeout), stops flows. */
  stop(): Promise<void>;
}

/** Starts an app's flows and binds its HTTP listeners. */
export async function runApp(app: App, log: Logger): Promise<RunningApp> {
  await app.start();
  const endpoints: HttpEndpoint[] = app.sources.filter(isHttpEndpoint);
  const configs = [...new Set<ListenerConfig>(endpoints.map((e) => e.config))];
  const servers = new HttpServers(log);
  try {
    await servers.start(endpoints, configs);
  } catch (e) {
    await servers.stop(0);
    await app.stop();
    throw e;
  }
  log.info({ app: app.name, flows: app.flows.size, listeners: endpoints.length }, 'app started');
  let stopping: Promise<void> | undefined;
  return {
    app,
    portOf: (name) => servers.portOf(name),
    stop() {
      stopping ??= (async () => {
        await servers.stop(app.settings.shutdownTimeout);
        await app.stop();
        log.info({ app: app.name }, 'app stopped');
      })();
      return stopping;
    },
  };
}
