import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import { adminRoutes } from '../gateway/admin-routes.js';
import { POLICIES } from '../policies/index.js';
import { AdminServer } from './admin-server.js';
import type { Gateway } from './gateway.js';
import { createGateway } from './gateway.js';
import type { LoadResult } from './load-app.js';
import { loadApp } from './load-app.js';
import type { RunningApp } from './run-app.js';
import { runApp } from './run-app.js';

export interface RuntimeOptions {
  readonly dir: string;
  readonly env?: string;
  readonly props?: Readonly<Record<string, string>>;
  readonly log: Logger;
  readonly environment?: NodeJS.ProcessEnv;
  /** `--manager FILE` instead of the app's api-manager.yaml. */
  readonly managerFile?: string;
  /** `--admin-port` and `--admin-token`: the admin API, on 127.0.0.1. */
  readonly admin?: { readonly port: number; readonly token: string; readonly host?: string };
}

export interface Runtime {
  readonly loaded: LoadResult;
  readonly running: RunningApp;
  readonly gateway: Gateway;
  /** The admin API's port, when it runs. */
  readonly adminPort?: number;
  stop(): Promise<void>;
}

export interface StartResult {
  readonly runtime?: Runtime;
  /** The app's problems and the API manager document's. */
  readonly diagnostics: Diagnostic[];
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * A runtime for one app: the API manager (its document read and watched), the app loaded with
 * it as the gate of governed flows, its listeners bound, the admin API. The composition root of
 * `flowrt start`. An API manager document with problems does not stop the start: the APIs it
 * fails to give policies to answer 503 until it is fixed.
 */
export async function startRuntime(options: RuntimeOptions): Promise<StartResult> {
  const { log } = options;
  const gateway = createGateway({ dir: options.dir, managerFile: options.managerFile, log });
  const managerProblems = await gateway.reload();
  const loaded = await loadApp({ dir: options.dir, env: options.env, props: options.props, log, environment: options.environment, gate: gateway.manager });
  const texts = new Map(loaded.texts);
  const managerText = gateway.text();
  if (managerText !== undefined) texts.set(gateway.store.where, managerText);
  const diagnostics = [...managerProblems, ...loaded.diagnostics];
  if (!loaded.app) {
    await gateway.stop();
    return { diagnostics, texts };
  }
  const running = await runApp(loaded.app, log).catch(async (e: unknown) => {
    await gateway.stop();
    throw e;
  });
  gateway.watch();
  let admin: AdminServer | undefined;
  let adminPort: number | undefined;
  if (options.admin) {
    admin = new AdminServer({ ...options.admin, log });
    adminRoutes(admin.router, gateway, POLICIES);
    try {
      adminPort = await admin.start();
    } catch (e) {
      await running.stop();
      await gateway.stop();
      throw e;
    }
  }
  return {
    diagnostics,
    texts,
    runtime: {
      loaded,
      running,
      gateway,
      adminPort,
      async stop() {
        await admin?.stop();
        await running.stop();
        await gateway.stop();
      },
    },
  };
}
