import type { ComponentNode, GlobalType } from '../../spi/component.js';
import { TIME_UNITS, toMs } from '../../spi/mule-parameters.js';
import type { AttrSpec } from '../../spi/spec.js';
import type { ObjectStoreSettings } from './open-store.js';
import { openObjectStore } from './open-store.js';

/** Parameters of Mule's ExtensionObjectStore: none takes an expression, as in Mule. */
const OBJECT_STORE_ATTRIBUTES: Readonly<Record<string, AttrSpec>> = {
  persistent: {
    kind: 'literal',
    type: 'boolean',
    default: 'true',
    doc: 'Accepted: every store is in the runtime stores (Redis with --redis: shared by the runtimes, kept across restarts), as a Mule cluster shares transient stores too.',
  },
  entryTtl: { kind: 'literal', type: 'integer', doc: 'How long each entry lives after it is written; absent: until removed.' },
  entryTtlUnit: { kind: 'literal', values: TIME_UNITS, default: 'SECONDS' },
  maxEntries: { kind: 'literal', type: 'integer', doc: 'Most entries kept; a write past it drops the oldest written. Absent: no bound.' },
  expirationInterval: {
    kind: 'literal',
    type: 'integer',
    default: '1',
    doc: "How often Mule's reaper runs. flowrt expires entries exactly and bounds them as they are written; 0 or less turns expiry and the bound off, as in Mule.",
  },
  expirationIntervalUnit: { kind: 'literal', values: TIME_UNITS, default: 'MINUTES' },
  'config-ref': { kind: 'literal', ref: 'os:config', doc: "Accepted: the store is always the runtime's (memory, or Redis with --redis)." },
};

/**
 * `<os:object-store name persistent entryTtl entryTtlUnit maxEntries expirationInterval
 * expirationIntervalUnit config-ref>`: a store operations name with `objectStore`. It builds to
 * the store opened in the runtime's stores, which outlive reloads (and, on Redis, restarts).
 */
export const objectStore: GlobalType = {
  element: 'os:object-store',
  spec: { attributes: { name: { kind: 'literal', required: true }, ...OBJECT_STORE_ATTRIBUTES } },
  build(node) {
    const name = node.literal('name');
    node.config('config-ref');
    const settings = readSettings(node, `<os:object-store> "${name}"`);
    return name === undefined ? undefined : openObjectStore(node.services, name, settings);
  },
};

/**
 * What a store's attributes say, checked as Mule reads them. A value it refuses is reported and
 * left out, so that operations naming the store still build (and report their own problems).
 */
function readSettings(node: ComponentNode, what: string): ObjectStoreSettings {
  let ttl = node.int('entryTtl');
  let max = node.int('maxEntries');
  if (ttl !== undefined && ttl < 1) {
    node.error('invalid-object-store-setting', `entryTtl ${ttl} on ${what} would expire every entry as soon as it is written`);
    ttl = undefined;
  }
  if (max !== undefined && max < 1) {
    node.error('invalid-object-store-setting', `maxEntries ${max} on ${what} would keep no entry`);
    max = undefined;
  }
  // Mule's reaper does not run at all then: nothing expires, nothing is evicted.
  if ((node.int('expirationInterval') ?? 1) <= 0) {
    if (ttl !== undefined || max !== undefined)
      node.warn(
        'object-store-never-expires',
        `expirationInterval ${node.literal('expirationInterval')} on ${what}: as in Mule, entryTtl and maxEntries are not applied`,
      );
    return {};
  }
  return { ttlMs: ttl === undefined ? undefined : Math.max(1, toMs(ttl, node.literal('entryTtlUnit') ?? 'SECONDS')), maxEntries: max };
}
