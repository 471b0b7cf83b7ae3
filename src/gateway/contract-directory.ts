import type { ClientApplications, RateLimit, Tiers } from '../policies/shared/policy.js';
import type { Contract, Contracts } from '../policies/shared/identity.js';
import type { ApplicationSpec, ManagerDoc } from './manager-doc.js';

/**
 * What the document says of clients: every application, the approved contracts each has with an
 * API, and each API's SLA tiers. Replaced whole on every change; policies look entries up on
 * every call, so an edited application or tier applies without rebuilding them.
 */
export class ContractDirectory {
  /** apiId → clientId → approved contract. */
  private contracts = new Map<string, Map<string, Contract>>();
  /** clientId → application, contract or not. */
  private applications = new Map<string, { readonly application: string; readonly clientSecretHash?: string }>();
  /** apiId → tier name → limits. */
  private tiers = new Map<string, Map<string, readonly RateLimit[]>>();

  update(doc: ManagerDoc): void {
    this.contracts = contractsOf(doc.applications ?? []);
    this.applications = new Map(
      (doc.applications ?? []).map((a) => [
        a.clientId,
        { application: a.name, ...(a.clientSecretHash !== undefined ? { clientSecretHash: a.clientSecretHash } : {}) },
      ]),
    );
    this.tiers = new Map((doc.apis ?? []).map((a) => [String(a.apiId), new Map((a.tiers ?? []).map((t) => [t.name, t.limits]))]));
  }

  /** The client applications with an approved contract for `apiId`, as the directory says at each call. */
  contractsOf(apiId: string): Contracts {
    return { find: (clientId) => this.contracts.get(apiId)?.get(clientId) };
  }

  tiersOf(apiId: string): Tiers {
    return { find: (name) => this.tiers.get(apiId)?.get(name) };
  }

  /** Every client application, so that a policy can tell an unknown client (401) from one without a contract (403). */
  allApplications(): ClientApplications {
    return { find: (clientId) => this.applications.get(clientId) };
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
