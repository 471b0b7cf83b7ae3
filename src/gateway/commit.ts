import type { Diagnostic } from '../errors/diagnostic.js';
import type { PolicyType } from '../policies/shared/policy.js';
import type { ApiManager } from './api-manager.js';
import type { ManagerDoc } from './manager-doc.js';
import type { ManagerStore } from './manager-store.js';
import { readManager } from './read-manager.js';

/** What the admin routes change: the document in its store, then the manager that applies it. */
export interface AdminGateway {
  readonly manager: ApiManager;
  readonly store: ManagerStore;
  reload(): Promise<Diagnostic[]>;
}

/** Why a changed document was not taken, and how far it got. */
export interface CommitRefusal {
  readonly stage: 'read' | 'build' | 'apply';
  readonly problems: readonly Diagnostic[];
}

const queues = new WeakMap<AdminGateway, Promise<unknown>>();

/**
 * Runs one read-edit-write of the document at a time, whichever admin route asks (policies,
 * applications): two edits at once would otherwise both start from the same text and one be lost.
 */
export function serialized<T>(gateway: AdminGateway, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(gateway) ?? Promise.resolve()).then(work, work);
  queues.set(
    gateway,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Takes a changed document: read and checked as a file edit is, built before it is written (a
 * change whose policies do not build is refused, not stored), then applied.
 */
export async function commit(gateway: AdminGateway, kinds: readonly PolicyType[], text: string): Promise<CommitRefusal | { readonly doc: ManagerDoc }> {
  const read = readManager(text, gateway.store.where, kinds);
  if (!read.doc) return { stage: 'read', problems: read.diagnostics };
  const problems = gateway.manager.check(read);
  if (problems.length > 0) return { stage: 'build', problems };
  await gateway.store.write(text);
  const applied = await gateway.reload();
  return applied.length > 0 ? { stage: 'apply', problems: applied } : { doc: read.doc };
}
