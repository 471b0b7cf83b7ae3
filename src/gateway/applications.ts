import type { Logger } from 'pino';
import type { PolicyType } from '../policies/shared/policy.js';
import type { AdminGateway } from './commit.js';
import { commit, serialized } from './commit.js';
import { ApplicationError } from './application-error.js';
import { ApplicationsEdit } from './edit-applications.js';
import { issueCredentials } from './issue-credentials.js';
import type { ApiSpec, ApplicationSpec, ManagerDoc } from './manager-doc.js';
import { readManager } from './read-manager.js';

export interface ContractView {
  readonly apiId: string;
  readonly tier?: string;
  readonly status: 'approved' | 'revoked';
}

/** An application as the admin API shows it: never its secret, nor the secret's hash. */
export interface ApplicationView {
  readonly name: string;
  readonly clientId: string;
  /** The client provider it is registered at; absent for credentials flowrt issued. */
  readonly clientProvider?: string;
  readonly description?: string;
  readonly contracts: readonly ContractView[];
}

/** A new application, with the secret shown this once (flowrt keeps only its hash; an IdP's is not kept at all). */
export interface CreatedApplication extends ApplicationView {
  readonly clientSecret?: string;
}

export interface NewApplication {
  readonly name: string;
  readonly apiId: string;
  readonly tier?: string;
  readonly description?: string;
}

/**
 * Client applications and their contracts (Exchange's "request access", approved at once), kept
 * in the API manager's document. Every change is checked and applied as the admin API's policy
 * changes are: written only when the whole document still reads and builds. Changes are made
 * one at a time, each on the document as the previous one left it.
 *
 * An API with a client provider that can register clients (RFC 7591) gets its applications
 * registered there, and the IdP's client id recorded; otherwise flowrt issues the credentials
 * and keeps only the secret's sha256 (see issue-credentials.ts).
 */
export class Applications {
  constructor(
    private readonly gateway: AdminGateway,
    private readonly kinds: readonly PolicyType[],
    private readonly log: Logger,
  ) {}

  async list(): Promise<ApplicationView[]> {
    return ((await this.current()).doc.applications ?? []).map(view);
  }

  async get(name: string): Promise<ApplicationView> {
    return view(this.application((await this.current()).doc, name));
  }

  create(input: NewApplication): Promise<CreatedApplication> {
    return this.serial(async () => {
      const { doc, text } = await this.current();
      if ((doc.applications ?? []).some((a) => a.name === input.name))
        throw new ApplicationError('conflict', `application ${input.name} exists: add a contract to it instead`);
      const api = this.api(doc, input.apiId);
      const credentials = await issueCredentials(input.name, api.clientProvider, (p) => this.gateway.manager.clientProvider(p));
      const app: ApplicationSpec = {
        name: input.name,
        clientId: credentials.clientId,
        ...(credentials.hash !== undefined ? { clientSecretHash: credentials.hash } : {}),
        ...(credentials.provider !== undefined ? { clientProvider: credentials.provider } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        contracts: [{ apiId: api.apiId, ...(input.tier !== undefined ? { tier: input.tier } : {}) }],
      };
      const edit = new ApplicationsEdit(text);
      edit.addApplication(app);
      try {
        await this.apply(edit.toString());
      } catch (e) {
        if (credentials.provider !== undefined) {
          this.log.warn(
            { application: input.name, clientId: credentials.clientId, clientProvider: credentials.provider },
            'client registered at the IdP but not recorded: remove it there',
          );
        }
        throw e;
      }
      this.log.info({ application: input.name, clientId: app.clientId, apiId: input.apiId, clientProvider: credentials.provider }, 'application created');
      return { ...view(app), ...(credentials.secret !== undefined ? { clientSecret: credentials.secret } : {}) };
    });
  }

  /** Gives an application an approved contract with an API (again, if it was revoked). */
  addContract(name: string, apiId: string, tier?: string): Promise<{ readonly created: boolean; readonly application: ApplicationView }> {
    return this.serial(async () => {
      const { doc, text } = await this.current();
      const app = this.application(doc, name);
      const api = this.api(doc, apiId);
      if (app.clientProvider !== undefined && api.clientProvider !== undefined && app.clientProvider !== api.clientProvider) {
        throw new ApplicationError(
          'invalid_request',
          `application ${name} is registered at client provider ${app.clientProvider}, but API ${apiId} takes clients of ${api.clientProvider}`,
        );
      }
      const edit = new ApplicationsEdit(text);
      const outcome = edit.putContract(name, { apiId: api.apiId, ...(tier !== undefined ? { tier } : {}) });
      const applied = await this.apply(edit.toString());
      this.log.info({ application: name, apiId, tier }, 'contract approved');
      return { created: outcome === 'created', application: view(this.application(applied, name)) };
    });
  }

  /** Revokes an application's contract with an API: its client is refused by that API from now on. */
  revokeContract(name: string, apiId: string): Promise<void> {
    return this.serial(async () => {
      const { doc, text } = await this.current();
      this.application(doc, name);
      const edit = new ApplicationsEdit(text);
      if (!edit.setContractStatus(name, apiId, 'revoked')) throw new ApplicationError('not_found', `application ${name} has no contract with API ${apiId}`);
      await this.apply(edit.toString());
      this.log.info({ application: name, apiId }, 'contract revoked');
    });
  }

  /** Removes an application and with it every contract it had. A client registered at an IdP stays registered there. */
  delete(name: string): Promise<void> {
    return this.serial(async () => {
      const edit = new ApplicationsEdit(await this.gateway.store.read());
      if (!edit.deleteApplication(name)) throw new ApplicationError('not_found', `no application ${name}`);
      await this.apply(edit.toString());
      this.log.info({ application: name }, 'application deleted');
    });
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    return serialized(this.gateway, operation);
  }

  /** The document as the store holds it now, read once: its text to edit and what it says; one with problems is fixed first. */
  private async current(): Promise<{ readonly doc: ManagerDoc; readonly text: string | undefined }> {
    const text = await this.gateway.store.read();
    const read = readManager(text ?? '{}', this.gateway.store.where, this.kinds);
    if (!read.doc) throw new ApplicationError('invalid_change', 'the API manager document has problems: fix them first', read.diagnostics);
    return { doc: read.doc, text };
  }

  /** Checked, built, written, applied: as the admin API's policy changes (admin-routes.ts). */
  private async apply(text: string): Promise<ManagerDoc> {
    const outcome = await commit(this.gateway, this.kinds, text);
    if ('problems' in outcome) throw new ApplicationError('invalid_change', WHY[outcome.stage], outcome.problems);
    return outcome.doc;
  }

  private application(doc: ManagerDoc, name: string): ApplicationSpec {
    const app = (doc.applications ?? []).find((a) => a.name === name);
    if (!app) throw new ApplicationError('not_found', `no application ${name}`);
    return app;
  }

  private api(doc: ManagerDoc, apiId: string): ApiSpec {
    const api = (doc.apis ?? []).find((a) => String(a.apiId) === apiId);
    if (!api) throw new ApplicationError('invalid_request', `no API ${apiId} in the API manager: add it first (PUT /apis/${apiId})`);
    return api;
  }
}

function view(app: ApplicationSpec): ApplicationView {
  return {
    name: app.name,
    clientId: app.clientId,
    ...(app.clientProvider !== undefined ? { clientProvider: app.clientProvider } : {}),
    ...(app.description !== undefined ? { description: app.description } : {}),
    contracts: (app.contracts ?? []).map((c) => ({
      apiId: String(c.apiId),
      ...(c.tier !== undefined ? { tier: c.tier } : {}),
      status: c.status ?? 'approved',
    })),
  };
}

const WHY = { read: 'the change would not read', build: 'the change would not build', apply: 'the change was written but not applied' } as const;
