import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import { hasErrors } from '../errors/diagnostic.js';
import type { ResponseSpec } from '../http/response.js';
import type { Gate, Next, PolicyContext, PolicyDeps, PolicyType } from '../policies/shared/policy.js';
import type { ClientProvider } from '../policies/shared/identity.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import type { StoreFactory } from '../stores/store.js';
import { ApiGate } from './api-gate.js';
import { ClientProviderPool } from './client-provider-pool.js';
import { ContractDirectory } from './contract-directory.js';
import type { ApiSpec, ClientProviderSpec } from './manager-doc.js';
import { policyName } from './manager-doc.js';
import { PolicyInstaller } from './policy-installer.js';
import type { ReadManager } from './read-manager.js';

/** One API as the admin API reports it. */
export interface ApiStatus {
  readonly apiId: string;
  readonly state: 'active' | 'blocked';
  readonly policies: ReadonlyArray<{ readonly name: string; readonly id: string; readonly order?: number; readonly pointcut?: unknown }>;
  readonly appliedAt?: string;
  /** Why the last change to it was refused, if it was. */
  readonly lastError?: string;
}

export interface ManagerOptions {
  readonly policies: readonly PolicyType[];
  readonly deps: PolicyDeps;
  readonly log: Logger;
  /** Where requests a policy answered instead of the flow are counted. */
  readonly metrics?: RuntimeMetrics;
  /** The app the APIs belong to, as metrics label it. */
  readonly appName?: string;
  /** The runtime's stores, for policies' shared state (rate-limit counters …). */
  readonly stores?: StoreFactory;
  /** Builds a client provider (external IdP) from its spec; without one, APIs naming a provider are refused. */
  readonly clientProviders?: (spec: ClientProviderSpec) => ClientProvider;
}

/**
 * The API manager inside the runtime: applies the document to its parts — the gate governed
 * requests pass (api-gate.ts), the policies in force per API (policy-installer.ts), the client
 * providers (client-provider-pool.ts), the applications, contracts and tiers
 * (contract-directory.ts) — and reports each API's state. Changes are all or nothing per API: a
 * change that does not build leaves the last valid policy set in force, and an API that never
 * had a valid one is blocked (503), never served unprotected — unless the gatekeeper is disabled.
 */
export class ApiManager implements Gate {
  /** Why each API's last change was refused; under '', why the whole document was. */
  private readonly errors = new Map<string, string>();
  private readonly providers: ClientProviderPool;
  private readonly directory = new ContractDirectory();
  private readonly installer: PolicyInstaller;
  private readonly gate: ApiGate;

  constructor(private readonly options: ManagerOptions) {
    this.providers = new ClientProviderPool(options.clientProviders);
    this.installer = new PolicyInstaller(options.policies, options.log, (apiId, spec) => this.depsFor(apiId, spec));
    this.gate = new ApiGate(this.installer.live, this.errors, options.metrics, options.appName ?? '');
  }

  /** Applies a read document; returns the problems, located, that kept parts of it out. */
  update(read: ReadManager): Diagnostic[] {
    if (!read.doc) {
      this.errors.set('', read.diagnostics.map((d) => d.message).join('; '));
      return read.diagnostics;
    }
    this.errors.delete('');
    const doc = read.doc;
    this.gate.configure(doc);
    const diagnostics: Diagnostic[] = [];
    this.providers.update(doc.clientProviders ?? []);
    this.directory.update(doc);
    const wanted = new Set<string>();
    (doc.apis ?? []).forEach((api, i) => {
      const apiId = String(api.apiId);
      wanted.add(apiId);
      const problems = this.installer.install(apiId, api, (path) => read.locate(['apis', i, ...path]));
      diagnostics.push(...problems);
      if (hasErrors(problems)) this.errors.set(apiId, problems.map((d) => d.message).join('; '));
      else this.errors.delete(apiId);
    });
    for (const apiId of [...this.installer.live.keys()]) {
      if (wanted.has(apiId)) continue;
      this.installer.remove(apiId);
      this.errors.delete(apiId);
    }
    this.gate.opened();
    return diagnostics;
  }

  /** The problems applying `read` would meet, without applying it (the admin API asks before writing). */
  check(read: ReadManager): Diagnostic[] {
    if (!read.doc) return read.diagnostics;
    const out: Diagnostic[] = [];
    (read.doc.apis ?? []).forEach((api, i) => {
      out.push(...this.installer.check(String(api.apiId), api, (path) => read.locate(['apis', i, ...path])));
    });
    return out;
  }

  run(apiId: string, ctx: PolicyContext, final: Next): Promise<ResponseSpec> {
    return this.gate.run(apiId, ctx, final);
  }

  /** Whether `apiId`'s requests see Anypoint's status codes. */
  compatFor(apiId: string): boolean {
    return this.gate.compatFor(apiId);
  }

  describe(): ApiStatus[] {
    const { live } = this.installer;
    const ids = new Set([...live.keys(), ...[...this.errors.keys()].filter(Boolean)]);
    return [...ids].sort().map((apiId) => {
      const api = live.get(apiId);
      return {
        apiId,
        state: api ? 'active' : 'blocked',
        policies: (api?.spec.policies ?? []).map((p) => ({ name: policyName(p), id: p.id, order: p.order, pointcut: p.pointcut })),
        appliedAt: api?.since,
        lastError: this.errors.get(apiId) ?? this.errors.get(''),
      };
    });
  }

  async stop(): Promise<void> {
    await this.installer.stop();
    await this.providers.stop();
  }

  /** The client provider of that name, as last configured (the CLI registers applications with it). */
  clientProvider(name: string): ClientProvider | undefined {
    return this.providers.get(name);
  }

  /**
   * What policies of one API know of it. The provider and contracts are looked up on every call,
   * so a changed provider or application applies without rebuilding the policies.
   */
  private depsFor(apiId: string, spec: ApiSpec): PolicyDeps {
    const name = spec.clientProvider;
    const { stores, appName } = this.options;
    return {
      ...this.options.deps,
      apiId,
      ...(name !== undefined ? { clientProvider: this.providers.bound(name) } : {}),
      contracts: this.directory.contractsOf(apiId),
      tiers: this.directory.tiersOf(apiId),
      applications: this.directory.allApplications(),
      ...(stores ? { store: (store: string) => stores.open(`${appName ?? 'app'}:policy:${apiId}:${store}`) } : {}),
    };
  }
}
