import type { Logger } from 'pino';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { ResponseSpec } from '../http/response.js';
import type { SourceLocation } from '../model/location.js';
import type { AppliedPolicy } from '../policies/shared/chain.js';
import { compose, pointcut } from '../policies/shared/chain.js';
import type { Next, Policy, PolicyContext, PolicyDeps, PolicyType } from '../policies/shared/policy.js';
import { PolicyConfigError } from '../policies/shared/policy.js';
import type { ApiSpec, PolicySpec } from './manager-doc.js';
import { policyName } from './manager-doc.js';
import type { Path } from './read-manager.js';
import { pointerSegments } from '../util/json-pointer.js';

/** The policies in force for one API, composed into the chain its requests pass. */
export interface LiveApi {
  readonly spec: ApiSpec;
  readonly policies: ReadonlyArray<AppliedPolicy & { readonly key: string }>;
  readonly chain: (ctx: PolicyContext, final: Next) => Promise<ResponseSpec>;
  readonly anypointCompat?: boolean;
  readonly since: string;
}

/** Where a problem in an API's configuration is, from a path inside that API's entry. */
export type Locate = (path: Path) => SourceLocation;

/**
 * Creates, ranks and retires the policies of each API as the document changes. A change is all
 * or nothing per API: one that does not build leaves the last valid set in force. A policy whose
 * kind, configuration and place did not change is kept, with its caches.
 */
export class PolicyInstaller {
  private readonly installed = new Map<string, LiveApi>();
  private readonly types: ReadonlyMap<string, PolicyType>;

  /** `depsFor` gives what the policies of one API may use (the same when checking and applying). */
  constructor(
    policies: readonly PolicyType[],
    private readonly log: Logger,
    private readonly depsFor: (apiId: string, spec: ApiSpec) => PolicyDeps,
  ) {
    this.types = new Map(policies.map((t) => [t.id, t]));
  }

  /** The APIs with a policy set in force, by id. */
  get live(): ReadonlyMap<string, LiveApi> {
    return this.installed;
  }

  /** Builds and puts in force `spec`'s policies for `apiId`; the problems, if any, leave the previous set. */
  install(apiId: string, spec: ApiSpec, locate: Locate): Diagnostic[] {
    const previous = this.installed.get(apiId);
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
      void retire(built.filter((b) => !(previous?.policies ?? []).some((old) => old.policy === b.policy)));
      return diagnostics;
    }
    built.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]);
    this.installed.set(apiId, { spec, policies: built, chain: compose(built), anypointCompat: spec.anypointCompat, since: new Date().toISOString() });
    void retire([...reusable.values()]);
    if (previous || built.length > 0) this.log.info({ apiId, policies: built.map((b) => b.name) }, 'policies applied');
    return [];
  }

  /** The problems installing `spec` would meet, without installing it: every policy is built, then stopped. */
  check(apiId: string, spec: ApiSpec, locate: Locate): Diagnostic[] {
    const out: Diagnostic[] = [];
    (spec.policies ?? []).forEach((p, j) => {
      const built = this.create(apiId, spec, p, j, locate);
      if ('severity' in built) out.push(built);
      else void built.stop?.();
    });
    return out;
  }

  /** Takes an API's policies out of force (the document no longer lists it). */
  remove(apiId: string): void {
    const api = this.installed.get(apiId);
    if (!api) return;
    void retire(api.policies);
    this.installed.delete(apiId);
  }

  async stop(): Promise<void> {
    for (const api of this.installed.values()) await retire(api.policies);
    this.installed.clear();
  }

  /**
   * One policy of an API, with the deps it will run with (checking and applying must agree), or
   * the problem that keeps it out, located in its configuration.
   */
  private create(apiId: string, spec: ApiSpec, p: PolicySpec, index: number, locate: Locate): Policy | Diagnostic {
    try {
      return this.types.get(p.id)!.create(p.config ?? {}, { ...this.depsFor(apiId, spec), policyName: policyName(p) });
    } catch (e) {
      const path = e instanceof PolicyConfigError && e.path ? ['policies', index, 'config', ...pointerSegments(e.path)] : ['policies', index];
      return error('invalid-policy', `API ${apiId}, policy "${policyName(p)}": ${(e as Error).message}`, locate(path));
    }
  }

  /** CORS-like policies first, then by `order`, then as listed. */
  private rank(p: PolicySpec, index: number): [number, number, number] {
    return [this.types.get(p.id)?.first ? 0 : 1, p.order ?? Number.MAX_SAFE_INTEGER, index];
  }
}

async function retire(policies: ReadonlyArray<AppliedPolicy>): Promise<void> {
  for (const p of policies) await p.policy.stop?.().catch(() => undefined);
}

/** Same kind, same configuration, same place: the instance (and its caches) can be kept. */
function keyOf(p: PolicySpec): string {
  return JSON.stringify([policyName(p), p.id, p.config ?? {}, p.pointcut ?? null]);
}
