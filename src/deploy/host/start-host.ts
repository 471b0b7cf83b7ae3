import { mkdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { AdminServer } from '../admin-server.js';
import { openStores } from '../../stores/open-stores.js';
import { openQueues } from '../../queues/open-queues.js';
import { openSchedules } from '../../queues/open-schedules.js';
import { PromMetrics } from '../metrics.js';
import { queueRoutes } from '../queue-routes.js';
import { AppHost } from './app-host.js';
import { AppsFolder } from './apps-folder.js';
import type { Readiness } from './host-routes.js';
import { hostRoutes } from './host-routes.js';

export interface HostRuntimeOptions {
  /** `--apps DIR`: the archives to deploy, watched. */
  readonly appsDir: string;
  readonly log: Logger;
  readonly props?: Readonly<Record<string, string>>;
  readonly env?: string;
  readonly environment?: NodeJS.ProcessEnv;
  readonly admin?: { readonly port: number; readonly token: string; readonly host?: string };
  /** `--redis URL`: every app's stores on Redis. */
  readonly redis?: string;
}

export interface HostRuntime {
  readonly host: AppHost;
  readonly folder: AppsFolder;
  readonly metrics: PromMetrics;
  readonly adminPort?: number;
  readiness(): Readiness;
  /** Not ready from now on, then every app drains and stops. */
  stop(): Promise<void>;
}

/**
 * `flowrt runtime`: the composition root of a runtime that hosts apps from a folder (and the
 * admin API, when asked). The admin API is up before the apps deploy, answering not-ready
 * until the folder's archives are in.
 */
export async function startHost(options: HostRuntimeOptions): Promise<HostRuntime> {
  const { log } = options;
  const appsDir = resolve(options.appsDir);
  const isDir = await stat(appsDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new Error(`--apps ${options.appsDir}: no such folder`);
  const workDir = join(appsDir, '.flowrt');
  // What a previous run unpacked is stale: the archives are the truth.
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });

  const metrics = new PromMetrics();
  const stores = await openStores(options.redis, { log });
  const queues = await openQueues(options.redis, { log });
  const schedules = await openSchedules(options.redis, { log });
  metrics.watch(queues, schedules);
  const host = new AppHost({ workDir, log, props: options.props, env: options.env, environment: options.environment, metrics, stores, queues, schedules });
  const folder = new AppsFolder(appsDir, host, log);
  let state: Readiness = 'starting';
  let admin: AdminServer | undefined;
  let adminPort: number | undefined;
  if (options.admin) {
    admin = new AdminServer({ ...options.admin, log });
    hostRoutes(admin.router, host, folder, metrics, () => state);
    queueRoutes(admin.router, queues, schedules);
    adminPort = await admin.start();
  }
  folder.watch();
  await folder.scan();
  state = 'ready';
  log.info({ apps: host.list().map((a) => `${a.name} ${a.version ?? ''} ${a.state}`.replace('  ', ' ')) }, 'runtime ready');
  let stopping: Promise<void> | undefined;
  return {
    host,
    folder,
    metrics,
    adminPort,
    readiness: () => state,
    stop() {
      stopping ??= (async () => {
        state = 'draining';
        folder.close();
        await host.stop();
        await admin?.stop();
        await schedules.close();
        await queues.close();
        await stores.close();
        await rm(workDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
