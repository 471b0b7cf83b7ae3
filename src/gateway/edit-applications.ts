import { isMap, isSeq, parseDocument } from 'yaml';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import type { ApplicationSpec, ContractSpec } from './manager-doc.js';

/**
 * Changes to the `applications` of the API manager's document, made on the YAML document itself
 * so that the file keeps its comments and layout (as {@link ManagerEdit} does for policies).
 */
export class ApplicationsEdit {
  private readonly doc: Document;

  constructor(text: string | undefined) {
    this.doc = parseDocument(text && text.trim() !== '' ? text : 'apis: []\n');
    if (!isSeq(this.doc.get('applications'))) this.doc.set('applications', this.doc.createNode([]));
  }

  toString(): string {
    return this.doc.toString();
  }

  /** Adds an application; its keys in the order people write them, contracts last. */
  addApplication(app: ApplicationSpec): void {
    const { name, clientId, clientSecretHash, clientProvider, description, contracts } = app;
    this.list().items.push(this.doc.createNode({ name, clientId, clientSecretHash, clientProvider, description, contracts }));
  }

  /** Removes an application; false when there was none. */
  deleteApplication(name: string): boolean {
    const items = this.list().items;
    const index = items.findIndex((a) => isMap(a) && a.get('name') === name);
    if (index < 0) return false;
    items.splice(index, 1);
    return true;
  }

  /** Adds the application's contract with an API, or replaces the one it has; false when there is no such application. */
  putContract(name: string, contract: ContractSpec): 'created' | 'replaced' | false {
    const app = this.application(name);
    if (!app) return false;
    if (!isSeq(app.get('contracts'))) app.set('contracts', this.doc.createNode([]));
    const contracts = app.get('contracts') as YAMLSeq;
    const index = contracts.items.findIndex((c) => isMap(c) && String(c.get('apiId')) === String(contract.apiId));
    const node = this.doc.createNode({ apiId: contract.apiId, tier: contract.tier, status: contract.status });
    if (index < 0) {
      contracts.items.push(node);
      return 'created';
    }
    contracts.items[index] = node;
    return 'replaced';
  }

  /** Sets a contract's status; false when the application has no contract with that API. */
  setContractStatus(name: string, apiId: string, status: 'approved' | 'revoked'): boolean {
    const contracts = this.application(name)?.get('contracts');
    const contract = isSeq(contracts) ? contracts.items.find((c) => isMap(c) && String(c.get('apiId')) === apiId) : undefined;
    if (!isMap(contract)) return false;
    contract.set('status', status);
    return true;
  }

  private list(): YAMLSeq {
    return this.doc.get('applications') as YAMLSeq;
  }

  private application(name: string): YAMLMap | undefined {
    return this.list().items.find((a) => isMap(a) && a.get('name') === name) as YAMLMap | undefined;
  }
}
