import type { ClientProvider } from '../policies/shared/identity.js';
import { IdpUnavailableError } from '../policies/shared/identity.js';
import type { ClientProviderSpec } from './manager-doc.js';

/**
 * The client providers (external IdPs) the document names, each kept while its spec stays the
 * same, so that its caches (keys, introspection results) survive unrelated changes.
 */
export class ClientProviderPool {
  private readonly providers = new Map<string, { readonly key: string; readonly provider: ClientProvider }>();

  /** `build` makes a provider from its spec; without it, no provider is ever configured. */
  constructor(private readonly build?: (spec: ClientProviderSpec) => ClientProvider) {}

  /** Keeps providers whose spec did not change (their caches with them), builds new ones, stops the rest. */
  update(specs: readonly ClientProviderSpec[]): void {
    const wanted = new Set<string>();
    for (const spec of specs) {
      wanted.add(spec.name);
      const key = JSON.stringify(spec);
      const current = this.providers.get(spec.name);
      if (current?.key === key || !this.build) continue;
      this.providers.set(spec.name, { key, provider: this.build(spec) });
      if (current) void current.provider.stop().catch(() => undefined);
    }
    for (const [name, { provider }] of [...this.providers]) {
      if (wanted.has(name)) continue;
      this.providers.delete(name);
      void provider.stop().catch(() => undefined);
    }
  }

  /** The provider of that name, as last configured. */
  get(name: string): ClientProvider | undefined {
    return this.providers.get(name)?.provider;
  }

  /**
   * The provider of that name as a policy holds it: looked up on every call, so that a changed
   * provider applies without rebuilding the policies, and one removed fails as an unavailable IdP.
   * Stopping it stops nothing: the pool owns the providers.
   */
  bound(name: string): ClientProvider {
    const current = (): ClientProvider => {
      const provider = this.get(name);
      if (!provider) throw new IdpUnavailableError(`client provider ${name} is not configured`);
      return provider;
    };
    return {
      name,
      issuer: () => current().issuer(),
      jwksUri: () => current().jwksUri(),
      introspect: (token) => current().introspect(token),
      canRegister: () => current().canRegister(),
      register: (metadata) => current().register(metadata),
      stop: async () => {},
    };
  }

  async stop(): Promise<void> {
    for (const { provider } of this.providers.values()) await provider.stop().catch(() => undefined);
    this.providers.clear();
  }
}
