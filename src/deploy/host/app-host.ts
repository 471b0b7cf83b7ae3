import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Logger } from 'pino';
import { formatDiagnostic, hasErrors } from '../../errors/diagnostic.js';
import type { Diagnostic } from '../../errors/diagnostic.js';
import type { App } from '../../runtime/app.js';
import type { RuntimeMetrics } from '../../runtime/metrics.js';
import { NO_METRICS } from '../../runtime/metrics.js';
import type { StoreFactory } from '../../stores/store.js';
import type { QueueFactory } from '../../queues/queue.js';
import type { ScheduleFactory } from '../../queues/schedule.js';
import { ArchiveError } from '../archive/archive-error.js';
import type { Manifest } from '../archive/manifest.js';
import { readManifest, unpackApp } from '../archive/unpack.js';
import { createGateway } from '../gateway-wiring.js';
import { loadApp } from '../load-app.js';
import { runApp } from '../run-app.js';
import type { RunningApp } from '../run-app.js';
import type { AppProperties } from './app-properties.js';
import type { AppStatus } from './hosted-app.js';
import { HostedApp } from './hosted-app.js';

export interface HostOptions {
  /** Where archives are unpacked, one folder per deployed version. */
  readonly workDir: string;
  readonly log: Logger;
  /** Runtime-wide `--prop` and `--env`: every app sees them, over its own config files. */
  readonly props?: Readonly<Record<string, string>>;
  readonly env?: string;
  readonly environment?: NodeJS.ProcessEnv;
  readonly metrics?: RuntimeMetrics;
  /** The runtime's stores, shared by every app (each scopes its keys by its name). */
  readonly stores?: StoreFactory;
  /** The runtime's queues and schedules, shared by every app (each scopes its names by its own). */
  readonly queues?: QueueFactory;
  readonly schedules?: ScheduleFactory;
}

/** Why a deploy did not happen: `archive` and `name` are the client's fault, `invalid` and `start` the app's. */
export type DeployFailure = 'archive' | 'name' | 'invalid' | 'start';

export type DeployOutcome =
  | { readonly ok: true; readonly created: boolean; readonly status: AppStatus }
  | { readonly ok: false; readonly failure: DeployFailure; readonly message: string; readonly problems?: readonly string[]; readonly status?: AppStatus };

/**
 * The apps a runtime hosts, side by side: each with its own folder, properties, API manager and
 * listeners, so one failing never touches another. A redeploy loads and validates the new
 * version next to the running one and only then moves the listeners over; a version that does
 * not load or start leaves the running one serving (state `failed`, reason kept).
 */
export class AppHost {
  private readonly apps = new Map<string, HostedApp>();
  private readonly metrics: RuntimeMetrics;
  /** Each app's deploy-time properties, as its last successful deploy took them (or the apps folder kept them). */
  private readonly properties = new Map<string, AppProperties>();

  constructor(private readonly options: HostOptions) {
    this.metrics = options.metrics ?? NO_METRICS;
  }

  list(): AppStatus[] {
    return [...this.apps.values()].map((a) => a.status()).sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): AppStatus | undefined {
    return this.apps.get(name)?.status();
  }

  /** The properties an app is deployed with (its apps-folder file, read before the app deploys). */
  propertiesOf(name: string): AppProperties | undefined {
    return this.properties.get(name);
  }

  /** Sets what an app deploys with next, without deploying (the apps folder, at start). */
  keepProperties(name: string, properties: AppProperties): void {
    this.properties.set(name, properties);
  }

  /** An app removed for good: its properties go too (an archive merely taken out keeps them). */
  forgetProperties(name: string): void {
    this.properties.delete(name);
  }

  /**
   * Redeploys the serving version of an app with new properties; they are kept only when it
   * serves with them. An app not deployed just keeps them for its next deploy.
   */
  async reconfigure(name: string, properties: AppProperties): Promise<DeployOutcome | undefined> {
    const serving = this.apps.get(name)?.serving;
    if (!serving) {
      this.properties.set(name, properties);
      return undefined;
    }
    return this.deploy(serving.archive, { name, properties });
  }

  /** The running version of an app (tests and the CLI read its ports). */
  running(name: string): RunningApp | undefined {
    return this.apps.get(name)?.serving?.running;
  }

  /**
   * Deploys or redeploys the app an archive holds. `name` is the name the caller deploys it as
   * (the admin API's path): an archive of another app is refused. `label` names the failure of
   * an archive too broken to name its app (the apps folder passes the file's name).
   */
  async deploy(
    archive: Buffer,
    options: { readonly name?: string; readonly label?: string; readonly properties?: AppProperties } = {},
  ): Promise<DeployOutcome> {
    let manifest: Manifest;
    const label = options.name ?? options.label;
    try {
      manifest = await readManifest(archive);
    } catch (e) {
      const message = e instanceof ArchiveError ? e.message : `the archive cannot be read: ${(e as Error).message}`;
      if (label) this.recordFailure(label, undefined, message);
      this.options.log.error({ app: label, err: message }, 'deploy refused');
      return { ok: false, failure: 'archive', message, status: label ? this.get(label) : undefined };
    }
    if (options.name !== undefined && manifest.name !== options.name) {
      return { ok: false, failure: 'name', message: `the archive holds app "${manifest.name}", not "${options.name}"` };
    }
    const hosted = this.hosted(manifest.name);
    return this.serialized(hosted, () => this.install(hosted, archive, manifest, options.properties ?? this.properties.get(manifest.name) ?? {}));
  }

  /** Stops an app (requests in flight finish) and forgets it; false if there is none. */
  async undeploy(name: string): Promise<boolean> {
    const hosted = this.apps.get(name);
    if (!hosted) return false;
    await this.serialized(hosted, async () => {
      hosted.state = 'undeploying';
      const serving = hosted.serving;
      if (serving) {
        await serving.running.stop();
        await serving.gateway.stop();
        await rm(serving.dir, { recursive: true, force: true });
      }
      hosted.serving = undefined;
      this.apps.delete(name);
      this.metrics.deploy(name, 'undeploy', 'ok');
      this.options.log.info({ app: name }, 'app undeployed');
    });
    return true;
  }

  /** Undeploys every app, draining each. */
  async stop(): Promise<void> {
    await Promise.all([...this.apps.keys()].map((name) => this.undeploy(name)));
  }

  private async install(hosted: HostedApp, archive: Buffer, manifest: Manifest, properties: AppProperties): Promise<DeployOutcome> {
    const { name, version } = manifest;
    const log = this.options.log.child({ app: name });
    const previous = hosted.serving;
    const action = previous ? 'redeploy' : 'deploy';
    if (!previous) hosted.state = 'deploying';
    const dir = join(this.options.workDir, `${name}-${version}-${randomBytes(4).toString('hex')}`);
    await mkdir(this.options.workDir, { recursive: true });
    try {
      await unpackApp(archive, dir);
    } catch (e) {
      return this.failed(hosted, version, 'archive', (e as Error).message);
    }
    // Client providers of type flowrt ask this version's own OAuth provider, once it is built.
    let built: App | undefined;
    const gateway = createGateway({
      dir,
      log,
      metrics: this.metrics,
      appName: name,
      environment: this.options.environment,
      app: () => built,
      stores: this.options.stores,
    });
    const discard = async () => {
      await gateway.stop();
      await rm(dir, { recursive: true, force: true });
    };
    const managerProblems = await gateway.reload();
    // The app's own deploy-time properties over the runtime's.
    const props = { ...this.options.props, ...properties };
    const loaded = await loadApp({
      dir,
      env: this.options.env,
      props,
      log,
      environment: this.options.environment,
      gate: gateway.manager,
      metrics: this.metrics,
      stores: this.options.stores,
      queues: this.options.queues,
      schedules: this.options.schedules,
    });
    built = loaded.app;
    if (!loaded.app) {
      await discard();
      return this.failed(hosted, version, 'invalid', `${name} ${version} does not load`, problems([...managerProblems, ...loaded.diagnostics], dir));
    }
    let running: RunningApp;
    try {
      if (previous) {
        await previous.running.replace(loaded.app);
        running = previous.running;
      } else {
        running = await runApp(loaded.app, log);
      }
    } catch (e) {
      await discard();
      return this.failed(hosted, version, 'start', `${name} ${version} did not start: ${(e as Error).message}`);
    }
    hosted.serving = { manifest, archive, properties, dir, gateway, running, deployedAt: new Date() };
    this.properties.set(name, properties);
    hosted.state = 'deployed';
    hosted.lastError = hosted.failedVersion = undefined;
    if (previous) {
      await previous.gateway.stop();
      await rm(previous.dir, { recursive: true, force: true });
    }
    for (const p of managerProblems) log.warn({ problem: strip(formatDiagnostic(p), dir) }, 'API manager document problem: its APIs stay blocked');
    this.metrics.deploy(name, action, 'ok');
    log.info({ version, previous: previous?.manifest.version }, previous ? 'app redeployed' : 'app deployed');
    return { ok: true, created: !previous, status: hosted.status() };
  }

  private failed(hosted: HostedApp, version: string, failure: DeployFailure, message: string, details?: string[]): DeployOutcome {
    this.recordFailure(hosted.name, version, message);
    this.metrics.deploy(hosted.name, hosted.serving ? 'redeploy' : 'deploy', 'failed');
    this.options.log.error({ app: hosted.name, version, err: message, problems: details, serving: hosted.serving?.manifest.version }, 'deploy failed');
    return { ok: false, failure, message, problems: details, status: hosted.status() };
  }

  private recordFailure(name: string, version: string | undefined, message: string): void {
    const hosted = this.hosted(name);
    hosted.state = 'failed';
    hosted.lastError = message;
    hosted.failedVersion = version;
  }

  private hosted(name: string): HostedApp {
    let hosted = this.apps.get(name);
    if (!hosted) this.apps.set(name, (hosted = new HostedApp(name)));
    return hosted;
  }

  private serialized<T>(hosted: HostedApp, work: () => Promise<T>): Promise<T> {
    const run = hosted.queue.then(work);
    hosted.queue = run.catch(() => undefined);
    return run;
  }
}

/** Errors first, as `path:line:col: error: message`, paths relative to the app. */
function problems(diagnostics: readonly Diagnostic[], dir: string): string[] {
  const errors = hasErrors(diagnostics) ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  return errors.slice(0, 50).map((d) => strip(formatDiagnostic(d), dir));
}

/** Paths inside the unpacked folder, shown absolute or relative to the working directory, as the app's own. */
function strip(text: string, dir: string): string {
  const rel = relative(process.cwd(), dir);
  const absolute = text.split(dir + sep).join('');
  return rel === '' || rel.startsWith('..') ? absolute : absolute.split(rel + sep).join('');
}
