import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadApp } from '../../src/index.js';
import type { Diagnostic, LoadResult, RunningApp } from '../../src/index.js';
import type { Runtime } from '../../src/deploy/start-runtime.js';
import { startRuntime } from '../../src/deploy/start-runtime.js';
import type { QueueFactory } from '../../src/queues/queue.js';
import type { ScheduleFactory } from '../../src/queues/schedule.js';

/** The namespaces a Mule 4 file declares, for wrapping test flows. */
export const NAMESPACES = [
  'xmlns="http://www.mulesoft.org/schema/mule/core"',
  'xmlns:http="http://www.mulesoft.org/schema/mule/http"',
  'xmlns:ee="http://www.mulesoft.org/schema/mule/ee/core"',
  'xmlns:doc="http://www.mulesoft.org/schema/mule/documentation"',
  'xmlns:oauth="http://www.mulesoft.org/schema/mule/oauth"',
  'xmlns:tls="http://www.mulesoft.org/schema/mule/tls"',
  'xmlns:oauth2-provider="http://www.mulesoft.org/schema/mule/oauth2-provider"',
  'xmlns:vm="http://www.mulesoft.org/schema/mule/vm"',
  'xmlns:os="http://www.mulesoft.org/schema/mule/os"',
].join(' ');

/** A complete flow file: `body` inside <mule>, after a listener config named "listener" on an ephemeral port. */
export function mule(body: string, { listener = true }: { listener?: boolean } = {}): string {
  const config = listener ? `<http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<mule ${NAMESPACES}>\n${config}\n${body}\n</mule>\n`;
}

/** Writes an app folder to a temp dir: keys are paths relative to the app (`flows/app.xml`). */
export async function writeApp(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flowrt-test-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface TestApp {
  readonly loaded: LoadResult;
  readonly running: RunningApp;
  readonly runtime: Runtime;
  /** The app folder (api-manager.yaml lives there). */
  readonly dir: string;
  /** Problems reported at start (the API manager document's included). */
  readonly diagnostics: readonly Diagnostic[];
  /** `http://127.0.0.1:<admin port><path>`. */
  adminUrl(path: string): string;
  readonly logs: LogLine[];
  /** `http://127.0.0.1:<port><path>` on the listener config (default "listener"). */
  url(path: string, config?: string): string;
  stop(): Promise<void>;
}

/** The admin token tests start runtimes with. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface StartOptions {
  /** Run the admin API on an ephemeral port. */
  readonly admin?: boolean;
  readonly props?: Record<string, string>;
  readonly env?: string;
  readonly extraFiles?: Record<string, string>;
  /** Environment variables the app and its API manager document see (`${VAR}`); none by default. */
  readonly environment?: NodeJS.ProcessEnv;
  /** The runtime's queues and schedules (the test's own, to look into); opened per the props when absent. */
  readonly queues?: QueueFactory;
  readonly schedules?: ScheduleFactory;
}

function capture(): { logs: LogLine[]; stream: Writable } {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logs, stream };
}

/** Loads an app from files without running it: for diagnostics. */
export async function load(files: Record<string, string>, options: StartOptions = {}): Promise<LoadResult & { dir: string }> {
  const dir = await writeApp({ ...files, ...options.extraFiles });
  const { stream } = capture();
  const loaded = await loadApp({ dir, props: options.props, env: options.env, log: createLogger('trace', false, stream), environment: {} });
  return { ...loaded, dir };
}

/**
 * Loads and runs an app as `flowrt start` does (API manager from its api-manager.yaml, admin API
 * when asked); fails the test with the diagnostics if it does not load.
 */
export async function start(files: Record<string, string> | string, options: StartOptions = {}): Promise<TestApp> {
  const app = typeof files === 'string' ? { 'flows/app.xml': files } : files;
  const dir = await writeApp({ ...app, ...options.extraFiles });
  const { logs, stream } = capture();
  const log = createLogger('trace', false, stream);
  const started = await startRuntime({
    dir,
    props: options.props,
    env: options.env,
    log,
    environment: options.environment ?? {},
    admin: options.admin ? { port: 0, token: ADMIN_TOKEN } : undefined,
    queues: options.queues,
    schedules: options.schedules,
  });
  if (!started.runtime) {
    throw new Error(`app did not load:\n${started.diagnostics.map((d) => `${d.loc?.file}:${d.loc?.line}:${d.loc?.col}: ${d.message}`).join('\n')}`);
  }
  const runtime = started.runtime;
  const { loaded, running } = runtime;
  return {
    loaded,
    running,
    runtime,
    dir,
    diagnostics: started.diagnostics,
    logs,
    adminUrl(path: string) {
      if (runtime.adminPort === undefined) throw new Error('started without the admin API');
      return `http://127.0.0.1:${runtime.adminPort}${path}`;
    },
    url(path: string, config = 'listener') {
      const port = running.portOf(config);
      if (port === undefined) throw new Error(`no listener config "${config}" is running`);
      return `http://127.0.0.1:${port}${path}`;
    },
    async stop() {
      await runtime.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
