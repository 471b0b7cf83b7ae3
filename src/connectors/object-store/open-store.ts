import type { AttrSpec } from '../../spi/spec.js';
import type { BuildServices, ComponentNode } from '../../spi/component.js';
import type { EntryStore } from '../../stores/entry-store.js';

/** An object store as operations use it: its entries, and how long each lives. */
export interface OpenObjectStore {
  /** As messages name it: the global's name, or Mule's name for the default store. */
  readonly name: string;
  readonly entries: EntryStore;
  /** Each entry's time to live, ms; undefined: until removed. */
  readonly ttlMs?: number;
}

/** What an `<os:object-store>` says, read once at build. */
export interface ObjectStoreSettings {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
}

/** Mule's name for the store operations use when they name none (ObjectStoreManager's default partition). */
export const DEFAULT_STORE = '_defaultPersistentObjectStore';

/**
 * The store `name` of the app, in the runtime's stores: `<app>:os:<name>`, so two apps (or two
 * stores) never share entries, and every runtime of one app on the same Redis shares them.
 */
export function openObjectStore(services: BuildServices, name: string, settings: ObjectStoreSettings): OpenObjectStore {
  const entries = services.stores.openEntries(`${services.appName}:os:${name}`, { maxEntries: settings.maxEntries });
  return { name, entries, ttlMs: settings.ttlMs };
}

/** `objectStore` of every operation: a global `<os:object-store>` (Mule takes no expression here). */
export const OBJECT_STORE_REF: AttrSpec = {
  kind: 'literal',
  ref: 'os:object-store',
  doc: "The store to use; without one, the app's default persistent store (kept in Redis with --redis).",
};

/**
 * The store an operation names, or the app's default persistent one (Mule: "if not defined, the
 * runtime's default partition is used"). Undefined when the named one is wrong (already reported).
 */
export function objectStoreOf(node: ComponentNode): OpenObjectStore | undefined {
  if (node.literal('objectStore') === undefined) return openObjectStore(node.services, DEFAULT_STORE, {});
  return node.config<OpenObjectStore>('objectStore');
}
