import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import { ApiManager } from '../gateway/api-manager.js';
import { OidcClientProvider } from '../gateway/client-providers/oidc-client-provider.js';
import type { ManagerStore } from '../gateway/manager-store.js';
import { FileManagerStore, MemoryManagerStore } from '../gateway/manager-store.js';
import { readManager } from '../gateway/read-manager.js';
import { HttpClient } from '../http/client/http-client.js';
import { POLICIES } from '../policies/index.js';
import type { App } from '../runtime/app.js';
import type { StoreFactory } from '../stores/store.js';
import { LocalClientProvider } from './local-client-provider.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import { AppFiles } from './app-files.js';

export interface GatewayOptions {
  /** The app folder: its api-manager.yaml is the default document. */
  readonly dir: string;
  /** `--manager FILE`: another document. */
  readonly managerFile?: string;
  readonly log: Logger;
  /** Where policy rejections are counted. */
  readonly metrics?: RuntimeMetrics;
  /** The app's name for metrics; defaults to the one loadApp gives the app in `dir`. */
  readonly appName?: string;
  /** Where client providers' `${ENV_VAR}` secrets are read from; defaults to the process's. */
  readonly environment?: NodeJS.ProcessEnv;
  /** The runtime's stores: policies keep shared state there (rate limits on Redis are cluster-wide). */
  readonly stores?: StoreFactory;
  /** The app running now, for client providers of `type: flowrt` (its own OAuth provider). */
  readonly app?: () => App | undefined;
}

/** The API manager of a runtime with the store its document lives in. */
export interface Gateway {
  readonly manager: ApiManager;
  readonly store: ManagerStore;
  /** Reads the document and applies it; the problems, located, come back. */
  reload(): Promise<Diagnostic[]>;
  /** Applies every later change of the document, logging what was refused. */
  watch(): void;
  stop(): Promise<void>;
  /** The document's text as last read, for code frames. */
  readonly text: () => string | undefined;
}

/** The document flowrt reads for an app: `--manager`, else api-manager.yaml beside the flows. */
export function managerPath(dir: string, managerFile?: string): string | undefined {
  if (managerFile) return resolve(managerFile);
  const beside = resolve(dir, 'api-manager.yaml');
  return existsSync(beside) ? beside : undefined;
}

export function createGateway(options: GatewayOptions): Gateway {
  const { log } = options;
  const path = managerPath(options.dir, options.managerFile);
  const store: ManagerStore = path ? new FileManagerStore(path) : new MemoryManagerStore();
  const httpClient = (connectTimeout: number): HttpClient => new HttpClient({ connectionIdleTimeout: 30_000, usePersistentConnections: true, connectTimeout });
  const environment = options.environment ?? process.env;
  const manager = new ApiManager({
    policies: POLICIES,
    log,
    metrics: options.metrics,
    appName: options.appName ?? new AppFiles(resolve(options.dir)).name,
    stores: options.stores,
    deps: { log, now: Date.now, httpClient },
    clientProviders: (spec) =>
      spec.type === 'flowrt'
        ? new LocalClientProvider(spec.name, spec.providerConfig ?? '', () => options.app?.())
        : new OidcClientProvider(spec, { httpClient, log, now: Date.now, environment }),
  });
  let text: string | undefined;
  let unwatch: (() => void) | undefined;
  const reload = async (): Promise<Diagnostic[]> => {
    try {
      text = await store.read();
    } catch (e) {
      return [{ code: 'unreadable-api-manager', message: `${store.where} cannot be read: ${(e as Error).message}`, severity: 'error' }];
    }
    return manager.update(readManager(text ?? '{}', path ?? 'api-manager', POLICIES));
  };
  return {
    manager,
    store,
    reload,
    text: () => text,
    watch() {
      unwatch ??= store.watch(() => {
        void reload().then((problems) => {
          if (problems.length === 0) log.info({ manager: store.where }, 'API manager document applied');
          else
            for (const p of problems)
              log.error(
                { manager: store.where, line: p.loc?.line, col: p.loc?.col },
                `API manager change refused, last valid policies stay in force: ${p.message}`,
              );
        });
      });
    },
    async stop() {
      unwatch?.();
      await manager.stop();
    },
  };
}
