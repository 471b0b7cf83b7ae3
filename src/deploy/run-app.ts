import type { Logger } from 'pino';
import type { HttpEndpoint, ListenerConfig } from '../http/endpoint.js';
import { isHttpEndpoint } from '../http/endpoint.js';
import { HttpServers } from '../http/servers.js';
import type { ActiveSource, App } from '../runtime/app.js';
import { isActiveSource } from '../runtime/app.js';

/** An app with its sources bound: serving until stopped, replaceable while it serves. */
export interface RunningApp {
  /** The version serving new requests. */
  readonly app: App;
  /** The port a listener config actually bound (useful when it asked for port 0). */
  portOf(configName: string): number | undefined;
  /**
   * Moves to `next` without failing a request: next's new flows start, its new addresses bind,
   * new requests route to it, requests in flight finish on this version, then what `next` did
   * not keep stops. If a new address cannot be bound, nothing changes and this throws.
   */
  replace(next: App): Promise<void>;
  /** Stops accepting, lets in-flight requests finish (up to the app's shutdownTimeout), stops flows. */
  stop(): Promise<void>;
}

/** Starts an app's flows and binds its HTTP listeners. */
export async function runApp(app: App, log: Logger): Promise<RunningApp> {
  await app.start();
  const servers = new HttpServers(log);
  const [endpoints, configs] = listeners(app);
  try {
    await servers.start(endpoints, configs);
    await startActive(active(app));
  } catch (e) {
    // startActive stopped whatever it had started.
    await servers.stop(0);
    await app.stop();
    throw e;
  }
  // A host's logger names the app already.
  log.info({ ...('app' in log.bindings() ? {} : { app: app.name }), flows: app.flows.size, listeners: endpoints.length }, 'app started');
  let current = app;
  // One change at a time: a replace queued behind another starts from the version it left.
  let queue: Promise<unknown> = Promise.resolve();
  let stopping: Promise<void> | undefined;
  const replace = async (next: App): Promise<void> => {
    if (stopping) throw new Error(`app ${current.name} is stopping`);
    const old = current;
    await next.start(old);
    const kept = new Set(active(old));
    const added = active(next).filter((s) => !kept.has(s));
    try {
      await startActive(added);
      const switched = servers.apply(...listeners(next), old.settings.shutdownTimeout);
      current = next;
      await switched;
    } catch (e) {
      current = old;
      await stopActive(added, 0);
      await next.stop(old);
      throw e;
    }
    // The new version's consumers and schedules run before the old ones stop: nothing is left unserved.
    const staying = new Set(active(next));
    await stopActive(
      active(old).filter((s) => !staying.has(s)),
      old.settings.shutdownTimeout,
    );
    await old.stop(next);
  };
  return {
    get app() {
      return current;
    },
    portOf: (name) => servers.portOf(name),
    replace(next) {
      const run = queue.then(() => replace(next));
      queue = run.catch(() => undefined);
      return run;
    },
    stop() {
      stopping ??= (async () => {
        await queue;
        await servers.stop(current.settings.shutdownTimeout);
        await stopActive(active(current), current.settings.shutdownTimeout);
        await current.stop();
        log.info({ ...('app' in log.bindings() ? {} : { app: current.name }) }, 'app stopped');
      })();
      return stopping;
    },
  };
}

/** The app's sources that run on their own: VM listeners, schedulers. */
function active(app: App): ActiveSource[] {
  return app.sources.filter(isActiveSource);
}

/** Starts each in turn; if one fails, those started are stopped again and the failure is thrown. */
async function startActive(sources: readonly ActiveSource[]): Promise<void> {
  const started: ActiveSource[] = [];
  try {
    for (const source of sources) {
      await source.start();
      started.push(source);
    }
  } catch (e) {
    await stopActive(started, 0);
    throw e;
  }
}

async function stopActive(sources: readonly ActiveSource[], graceMs: number): Promise<void> {
  await Promise.all(sources.map((s) => s.stop(graceMs)));
}

function listeners(app: App): [HttpEndpoint[], ListenerConfig[]] {
  const endpoints = app.sources.filter(isHttpEndpoint);
  return [endpoints, [...new Set<ListenerConfig>(endpoints.map((e) => e.config))]];
}
