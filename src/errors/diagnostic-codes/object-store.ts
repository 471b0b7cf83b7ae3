import type { CodeDoc } from './code-doc.js';

/** Object stores (`os:object-store`): each code with what it means, a message it comes with and what to do. */
export const OBJECT_STORE_CODES = {
  'invalid-object-store-setting': {
    meaning: 'an <os:object-store> entryTtl or maxEntries below 1, which would expire or evict every entry at once',
    example: 'entryTtl 0 on <os:object-store> "tokens" would expire every entry as soon as it is written',
    fix: 'give a positive number, or leave the attribute out for no expiry or no bound',
  },
  'object-store-never-expires': {
    meaning: 'an <os:object-store> with expirationInterval 0 or less: as in Mule, its entries never expire nor are evicted (warning)',
    example: 'expirationInterval 0 on <os:object-store> "tokens": as in Mule, entryTtl and maxEntries are not applied',
    fix: 'give a positive expirationInterval (any: flowrt expires entries exactly), or leave out entryTtl and maxEntries',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
