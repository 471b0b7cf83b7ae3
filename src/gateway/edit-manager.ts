import { isMap, isSeq, parseDocument } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { PolicySpec } from './manager-doc.js';
import { policyName } from './manager-doc.js';

/**
 * Changes to the API manager's document as the admin API makes them, done on the YAML document
 * itself so that the file keeps its comments and layout.
 */
export class ManagerEdit {
  private readonly doc: Document;

  constructor(text: string | undefined) {
    this.doc = parseDocument(text && text.trim() !== '' ? text : 'apis: []\n');
    if (!isSeq(this.doc.get('apis'))) this.doc.set('apis', this.doc.createNode([]));
  }

  toString(): string {
    return this.doc.toString();
  }

  /** Adds or replaces the policy named `name` of `apiId` (the API is added when missing). */
  putPolicy(apiId: string, name: string, policy: PolicySpec): 'created' | 'replaced' {
    const api = this.api(apiId, true)!;
    if (!isSeq(api.get('policies'))) api.set('policies', this.doc.createNode([]));
    const policies = api.get('policies') as { items: unknown[] };
    const index = policies.items.findIndex((p) => isMap(p) && policyName(p.toJSON() as PolicySpec) === name);
    // Keys in the order people write them: what it is first, its configuration last.
    const { id, order, pointcut, config } = policy;
    const node = this.doc.createNode({ id, name: name === id ? undefined : name, order, pointcut, config });
    if (index < 0) {
      policies.items.push(node);
      return 'created';
    }
    policies.items[index] = node;
    return 'replaced';
  }

  /** Removes a policy; false when there was none. */
  deletePolicy(apiId: string, name: string): boolean {
    const policies = this.api(apiId, false)?.get('policies') as { items: unknown[] } | undefined;
    const index = policies?.items.findIndex((p) => isMap(p) && policyName(p.toJSON() as PolicySpec) === name) ?? -1;
    if (index < 0) return false;
    policies!.items.splice(index, 1);
    return true;
  }

  /** Adds an API without policies; false when it exists. */
  putApi(apiId: string): boolean {
    if (this.api(apiId, false)) return false;
    this.api(apiId, true);
    return true;
  }

  /** Removes an API; false when there was none. */
  deleteApi(apiId: string): boolean {
    const apis = this.doc.get('apis') as { items: unknown[] };
    const index = apis.items.findIndex((a) => isMap(a) && String(a.get('apiId')) === apiId);
    if (index < 0) return false;
    apis.items.splice(index, 1);
    return true;
  }

  private api(apiId: string, create: boolean): YAMLMap | undefined {
    const apis = this.doc.get('apis') as { items: unknown[] };
    const found = apis.items.find((a) => isMap(a) && String(a.get('apiId')) === apiId) as YAMLMap | undefined;
    if (found || !create) return found;
    const node = this.doc.createNode({ apiId, policies: [] }) as YAMLMap;
    apis.items.push(node);
    return node;
  }
}
