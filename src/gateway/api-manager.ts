import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error, hasErrors } from '../errors/diagnostic.js';
import type { ResponseSpec } from '../http/response.js';
import type { SourceLocation } from '../model/location.js';
import type { AppliedPolicy } from '../policies/shared/chain.js';
import { compose, pointcut } from '../policies/shared/chain.js';
import type { Gate, Next, Policy, PolicyContext, PolicyDeps, PolicyType, RateLimit } from '../policies/shared/policy.js';
import { PolicyConfigError } from '../policies/shared/policy.js';
import type { ClientProvider, Contract } from '../policies/shared/identity.js';
import { IdpUnavailableError } from '../policies/shared/identity.js';
import { rejection } from '../policies/shared/refusals.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import type { StoreFactory } from '../stores/store.js';
import type { ApiSpec, ApplicationSpec, ClientProviderSpec, Gatekeeper, ManagerDoc, PolicySpec } from './manager-doc.js';
import { policyName } from './manager-doc.js';
import type { Path, ReadManager } from './read-manager.js';

interface LiveApi {
  readonly spec: ApiSpec;
  readonly policies: ReadonlyArray<AppliedPolicy & { readonly key: string }>;
  readonly chain: (ctx: PolicyContext, final: Next) => Promise<ResponseSpec>;
  readonly anypointCompat?: boolean;
  readonly since: string;
}

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
 * The API manager inside the runtime: the policies in force for each API, the gate every
 * governed request passes. Changes are all or nothing per API: a change that does not build
 * leaves the last valid policy set in force, and an API that never had a valid one is blocked
 * (503), never served unprotected — unless the gatekeeper is disabled.
 */
export class ApiManager implements Gate {
  private readonly live = new Map<string, LiveApi>();
  private readonly errors = new Map<string, string>();
  private readonly types: ReadonlyMap<string, PolicyType>;
  private readonly providers = new Map<string, { readonly key: string; readonly provider: ClientProvider }>();
  /** apiId → clientId → approved contract. */
  private contracts = new Map<string, Map<string, Contract>>();
  /** clientId → application, contract or not. */
  private applications = new Map<string, { readonly application: string; readonly clientSecretHash?: string }>();
  /** apiId → tier name → limits. */
  private tiers = new Map<string, Map<string, readonly RateLimit[]>>();
  private gatekeeper: Gatekeeper = 'flexible';
  private anypointCompat = false;
  private loaded = false;

  constructor(private readonly options: ManagerOptions) {
    this.types = new Map(options.policies.map((t) => [t.id, t]));
  }

  /** Applies a read document; returns the problems, located, that kept parts of it out. */
  update(read: ReadManager): Diagnostic[] {
    if (!read.doc) {
      this.errors.set('', read.diagnostics.map((d) => d.message).join('; '));
      return read.diagnostics;
    }
    this.errors.delete('');
    const doc: ManagerDoc = read.doc;
    this.gatekeeper = doc.gatekeeper ?? 'flexible';
    this.anypointCompat = doc.anypointCompat ?? false;
    const diagnostics: Diagnostic[] = [];
    this.updateProviders(doc.clientProviders ?? []);
    this.contracts = contractsOf(doc.applications ?? []);
    this.applications = new Map((doc.applications ?? []).map((a) => [a.clientId, { application: a.name, ...(a.clientSecretHash !== undefined ? { clientSecretHash: a.clientSecretHash } : {}) }]));
    this.tiers = new Map((doc.apis ?? []).map((a) => [String(a.apiId), new Map((a.tiers ?? []).map((t) => [t.name, t.limits]))]));
    const wanted = new Set<string>();
    (doc.apis ?? []).forEach((api, i) => {
      const apiId = String(api.apiId);
      wanted.add(apiId);
      const problems = this.install(apiId, api, (path) => read.locate(['apis', i, ...path]));
      diagnostics.push(...problems);
      if (hasErrors(problems)) this.errors.set(apiId, problems.map((d) => d.message).join('; '));
      else this.errors.delete(apiId);
    });
    for (const apiId of [...this.live.keys()]) {
      if (wanted.has(apiId)) continue;
      void this.retire(this.live.get(apiId)!.policies);
      this.live.delete(apiId);
      this.errors.delete(apiId);
    }
    this.loaded = true;
    return diagnostics;
  }

  /** The problems applying `read` would meet, without applying it (the admin API asks before writing). */
  check(read: ReadManager): Diagnostic[] {
    if (!read.doc) return read.diagnostics;
    const out: Diagnostic[] = [];
    (read.doc.apis ?? []).forEach((api, i) => {
      (api.policies ?? []).forEach((p, j) => {
        const built = this.create(String(api.apiId), api, p, j, (path) => read.locate(['apis', i, ...path]));
        if ('severity' in built) out.push(built);
        else void built.stop?.();
      });
    });
    return out;
  }

  async run(apiId: string, ctx: PolicyContext, final: Next): Promise<ResponseSpec> {
    const { metrics } = this.options;
    if (!metrics) return this.answer(apiId, ctx, final);
    // The flow's answers are counted by its source; the ones it never saw are rejections.
    let reached = false;
    const answer = await this.answer(apiId, ctx, () => {
      reached = true;
      return final();
    });
    if (!reached) metrics.policyRejection(this.options.appName ?? '', apiId, answer.status);
    return answer;
  }

  private async answer(apiId: string, ctx: PolicyContext, final: Next): Promise<ResponseSpec> {
    const api = this.live.get(apiId);
    if (!api) {
      if (this.gatekeeper === 'disabled') return final();
      // The reason goes to the log and the admin API; clients learn only that the API is unavailable.
      ctx.log.warn({ apiId, reason: this.errors.get(apiId) ?? (this.loaded ? 'not in the API manager' : 'policies not loaded') }, 'API blocked by the gatekeeper');
      return blocked(apiId);
    }
    try {
      return await api.chain(ctx, final);
    } catch (e) {
      // A policy that breaks must not let the request through: fail closed.
      ctx.log.error({ apiId, err: (e as Error).message }, 'policy failed');
      return rejection(500, { error: 'server_error', error_description: 'a policy of this API failed' });
    }
  }

  /** Whether `apiId`'s requests see Anypoint's status codes. */
  compatFor(apiId: string): boolean {
    return this.live.get(apiId)?.anypointCompat ?? this.anypointCompat;
  }

  describe(): ApiStatus[] {
    const ids = new Set([...this.live.keys(), ...[...this.errors.keys()].filter(Boolean)]);
    return [...ids].sort().map((apiId) => {
      const api = this.live.get(apiId);
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
    for (const api of this.live.values()) await this.retire(api.policies);
    this.live.clear();
    for (const { provider } of this.providers.values()) await provider.stop().catch(() => undefined);
    this.providers.clear();
  }

  /** The client provider of that name, as last configured (the CLI registers applications with it). */
  clientProvider(name: string): ClientProvider | undefined {
    return this.providers.get(name)?.provider;
  }

  /** Keeps providers whose spec did not change (their caches with them), builds new ones, stops the rest. */
  private updateProviders(specs: readonly ClientProviderSpec[]): void {
    const wanted = new Set<string>();
    for (const spec of specs) {
      wanted.add(spec.name);
      const key = JSON.stringify(spec);
      const current = this.providers.get(spec.name);
      if (current?.key === key || !this.options.clientProviders) continue;
      this.providers.set(spec.name, { key, provider: this.options.clientProviders(spec) });
      if (current) void current.provider.stop().catch(() => undefined);
    }
    for (const [name, { provider }] of [...this.providers]) {
      if (wanted.has(name)) continue;
      this.providers.delete(name);
      void provider.stop().catch(() => undefined);
    }
  }

  /**
   * What policies of one API know of it. The provider and contracts are looked up on every call,
   * so a changed provider or application applies without rebuilding the policies.
   */
  private depsFor(apiId: string, spec: ApiSpec): PolicyDeps {
    const name = spec.clientProvider;
    const current = (): ClientProvider => {
      const entry = name === undefined ? undefined : this.providers.get(name);
      if (!entry) throw new IdpUnavailableError(`client provider ${name} is not configured`);
      return entry.provider;
    };
    const clientProvider: ClientProvider | undefined = name === undefined
      ? undefined
      : {
          name,
          issuer: () => current().issuer(),
          jwksUri: () => current().jwksUri(),
          introspect: (token) => current().introspect(token),
          canRegister: () => current().canRegister(),
          register: (metadata) => current().register(metadata),
          stop: async () => {},
        };
    return {
      ...this.options.deps,
      apiId,
      ...(clientProvider ? { clientProvider } : {}),
      contracts: { find: (clientId) => this.contracts.get(apiId)?.get(clientId) },
      tiers: { find: (name) => this.tiers.get(apiId)?.get(name) },
      applications: { find: (clientId) => this.applications.get(clientId) },
      ...(this.options.stores ? { store: (name: string) => this.options.stores!.open(`${this.options.appName ?? 'app'}:policy:${apiId}:${name}`) } : {}),
    };
  }

  private install(apiId: string, spec: ApiSpec, locate: (path: Path) => SourceLocation): Diagnostic[] {
    const previous = this.live.get(apiId);
    const reusable = new Map((previous?.policies ?? []).map((p) => [p.key, p]));
    const built: Array<AppliedPolicy & { key: string; rank: [number, number, number] }> = [];
    const diagnostics: Diagnostic[] = [];
    (spec.policies ?? []).forEach((p, i) => {
      // A policy bound to another client provider is another policy.
      const key = `${keyOf(p)}|${spec.clientProvider ?? ''}`;
      const kept = reusable.get(key);
      if (kept) {
        reusable.delete(key);
        built.push({ ...kept, rank: this.rank(p, i) });
        return;
      }
      const policy = this.create(apiId, spec, p, i, locate);
      if ('severity' in policy) diagnostics.push(policy);
      else built.push({ key, name: policyName(p), policy, applies: p.pointcut ? pointcut(p.pointcut) : undefined, rank: this.rank(p, i) });
    });
    if (diagnostics.length > 0) {
      // All or nothing: what was built for this change is dropped, the previous set stays.
      void this.retire(built.filter((b) => !(previous?.policies ?? []).some((old) => old.policy === b.policy)));
      return diagnostics;
    }
    built.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]);
    this.live.set(apiId, { spec, policies: built, chain: compose(built), anypointCompat: spec.anypointCompat, since: new Date().toISOString() });
    void this.retire([...reusable.values()]);
    if (previous || built.length > 0) this.options.log.info({ apiId, policies: built.map((b) => b.name) }, 'policies applied');
    return [];
  }

  /**
   * One policy of an API, with the deps it will run with (checking and applying must agree), or
   * the problem that keeps it out, located in its configuration.
   */
  private create(apiId: string, spec: ApiSpec, p: PolicySpec, index: number, locate: (path: Path) => SourceLocation): Policy | Diagnostic {
    try {
      return this.types.get(p.id)!.create(p.config ?? {}, { ...this.depsFor(apiId, spec), policyName: policyName(p) });
    } catch (e) {
      const path = e instanceof PolicyConfigError && e.path ? ['policies', index, 'config', ...pointer(e.path)] : ['policies', index];
      return error('invalid-policy', `API ${apiId}, policy "${policyName(p)}": ${(e as Error).message}`, locate(path));
    }
  }

  /** CORS-like policies first, then by `order`, then as listed. */
  private rank(p: PolicySpec, index: number): [number, number, number] {
    return [this.types.get(p.id)?.first ? 0 : 1, p.order ?? Number.MAX_SAFE_INTEGER, index];
  }

  private async retire(policies: ReadonlyArray<AppliedPolicy>): Promise<void> {
    for (const p of policies) await p.policy.stop?.().catch(() => undefined);
  }
}

/** Approved contracts by API and client id. */
function contractsOf(applications: readonly ApplicationSpec[]): Map<string, Map<string, Contract>> {
  const out = new Map<string, Map<string, Contract>>();
  for (const app of applications) {
    for (const c of app.contracts ?? []) {
      if ((c.status ?? 'approved') !== 'approved') continue;
      const apiId = String(c.apiId);
      if (!out.has(apiId)) out.set(apiId, new Map());
      out.get(apiId)!.set(app.clientId, {
        application: app.name,
        clientId: app.clientId,
        ...(c.tier !== undefined ? { tier: c.tier } : {}),
        ...(app.clientSecretHash !== undefined ? { clientSecretHash: app.clientSecretHash } : {}),
      });
    }
  }
  return out;
}

/** Same kind, same configuration, same place: the instance (and its caches) can be kept. */
function keyOf(p: PolicySpec): string {
  return JSON.stringify([policyName(p), p.id, p.config ?? {}, p.pointcut ?? null]);
}

function blocked(apiId: string): ResponseSpec {
  return rejection(503, { error: 'service_unavailable', error_description: `API ${apiId} is not available yet` }, { 'retry-after': '5' });
}

/** A JSON pointer's segments, list indexes as numbers, so a problem is located at the entry itself. */
function pointer(path: string): Array<string | number> {
  return path.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}
