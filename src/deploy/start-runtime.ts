import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { readYamlProperties } from '../properties/properties.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { AdminServer } from './admin-server.js';
import type { Readiness } from './host/host-routes.js';
import type { Gateway } from './gateway-wiring.js';
import { createGateway } from './gateway-wiring.js';
import type { App } from '../runtime/app.js';
import type { PromMetrics } from './metrics.js';
import { openStores } from '../stores/open-stores.js';
import type { StoreFactory } from '../stores/store.js';
import { openQueues } from '../queues/open-queues.js';
import { openSchedules } from '../queues/open-schedules.js';
import type { QueueFactory } from '../queues/queue.js';
import type { ScheduleFactory } from '../queues/schedule.js';
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
  /** Where requests, rejections and reloads are counted; the admin API serves them at /metrics. */
  readonly metrics?: PromMetrics;
  /** Stores shared by reloads (and, on Redis, by runtimes and restarts); memory ones when absent. */
  readonly stores?: StoreFactory;
  /** Queues and schedules shared by reloads (and, on Redis, by runtimes); opened per `redis` when absent. */
  readonly queues?: QueueFactory;
  readonly schedules?: ScheduleFactory;
  /** `--redis URL`: open the stores, queues and schedules on Redis (each ignored when given). */
  readonly redis?: string;
}

/** What a reload did: the flows it replaced, or the problems that kept the last good version serving. */
export type ReloadOutcome =
  | { readonly ok: true; readonly replaced: readonly string[]; readonly kept: number; readonly ms: number }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly texts: ReadonlyMap<string, string>; readonly ms: number };

export interface Runtime {
  readonly loaded: LoadResult;
  readonly running: RunningApp;
  readonly gateway: Gateway;
  /** The admin API's port, when it runs. */
  readonly adminPort?: number;
  /**
   * Loads the app folder again off to the side and, if it builds, swaps it in; flows whose
   * definition and dependencies did not change keep running as they are.
   */
  reload(): Promise<ReloadOutcome>;
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
  // Only the admin API serves metrics: without it nobody can read them, and prom-client (its
  // import, its process collectors) is not worth loading.
  const metrics = options.metrics ?? (options.admin ? new (await import('./metrics.js')).PromMetrics() : undefined);
  // Opened first: a Redis that cannot be reached stops the start before anything binds.
  const property = runtimeProperties(options);
  const redis = options.redis || property('flowrt.redis.url');
  const stores = options.stores ?? (await openStores(redis, { log }));
  const queues = options.queues ?? (await openQueues(redis, { log, lockMs: lockMs(property('flowrt.vm.lockTimeout')) }));
  const schedules = options.schedules ?? (await openSchedules(redis, { log }));
  metrics?.watch(queues, schedules);
  // Set once the app runs: client providers of type flowrt ask the app's own OAuth provider.
  let running: RunningApp | undefined;
  const gateway = createGateway({
    dir: options.dir,
    managerFile: options.managerFile,
    log,
    metrics,
    environment: options.environment,
    app: () => running?.app,
    stores,
  });
  // What this runtime opened (stores given by the caller stay open).
  const release = async (): Promise<void> => {
    await gateway.stop();
    // Schedules and queues first: their workers stop before the connections they use close.
    if (!options.schedules) await schedules.close();
    if (!options.queues) await queues.close();
    if (!options.stores) await stores.close();
  };
  const managerProblems = await gateway.reload();
  const load = (previous?: App) =>
    loadApp({
      dir: options.dir,
      env: options.env,
      props: options.props,
      log,
      environment: options.environment,
      gate: gateway.manager,
      previous,
      reloadable: true,
      metrics,
      stores,
      queues,
      schedules,
    });
  const loaded = await load();
  const texts = new Map(loaded.texts);
  const managerText = gateway.text();
  if (managerText !== undefined) texts.set(gateway.store.where, managerText);
  const diagnostics = [...managerProblems, ...loaded.diagnostics];
  if (!loaded.app) {
    await release();
    return { diagnostics, texts };
  }
  running = await runApp(loaded.app, log).catch(async (e: unknown) => {
    await release();
    throw e;
  });
  gateway.watch();
  let admin: AdminServer | undefined;
  let stopping = false;
  let adminPort: number | undefined;
  if (options.admin && metrics) {
    try {
      // Imported here: a start without an admin API loads none of its server or routes.
      const { serveAdmin } = await import('./serve-admin.js');
      const readiness = (): Readiness => (stopping ? 'draining' : 'ready');
      ({ server: admin, port: adminPort } = await serveAdmin({ admin: options.admin, log, gateway, queues, schedules, metrics, readiness }));
    } catch (e) {
      await running.stop();
      await release();
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
      async reload() {
        const started = performance.now();
        const ms = () => Math.round(performance.now() - started);
        const next = await load(running.app);
        if (!next.app) {
          metrics?.deploy(loaded.name, 'reload', 'failed');
          return { ok: false, diagnostics: next.diagnostics, texts: next.texts, ms: ms() };
        }
        const before = running.app;
        try {
          await running.replace(next.app);
          metrics?.deploy(loaded.name, 'reload', 'ok');
        } catch (e) {
          metrics?.deploy(loaded.name, 'reload', 'failed');
          return {
            ok: false,
            diagnostics: [error('reload-failed', `${(e as Error).message}; the last good version keeps serving`)],
            texts: next.texts,
            ms: ms(),
          };
        }
        const replaced = [...next.app.flows].filter(([name, flow]) => before.flows.get(name) !== flow).map(([name]) => name);
        const removed = [...before.flows.keys()].filter((name) => !next.app!.flows.has(name));
        return { ok: true, replaced: [...replaced, ...removed.map((n) => `-${n}`)], kept: next.app.flows.size - replaced.length, ms: ms() };
      },
      async stop() {
        stopping = true;
        await admin?.stop();
        await running.stop();
        await release();
      },
    },
  };
}

/**
 * Settings the runtime needs before the app loads (the stores must exist when it builds): from
 * `--prop`, else the app's config.yaml. `flowrt.redis.url` says where the stores, queues and
 * schedules live (`--redis` and FLOWRT_REDIS_URL, which the CLI reads, win over it).
 */
function runtimeProperties(options: RuntimeOptions): (key: string) => string | undefined {
  const file = join(options.dir, 'config.yaml');
  const values = existsSync(file) ? readYamlProperties(readFileSync(file, 'utf8'), file).layer?.values : undefined;
  return (key) => options.props?.[key] || values?.[key] || undefined;
}

/**
 * `flowrt.vm.lockTimeout` (ms): how long a runtime may hold a VM message without a sign of life
 * before another runtime takes it over (BullMQ's lock duration); 30 s when absent.
 */
function lockMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 100) throw new Error(`flowrt.vm.lockTimeout "${text}" is not a whole number of milliseconds of at least 100`);
  return n;
}
