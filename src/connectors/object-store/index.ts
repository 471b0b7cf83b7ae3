import type { Connector } from '../connector.js';
import { clear } from './clear.js';
import { config } from './config.js';
import { contains } from './contains.js';
import { objectStore } from './object-store.js';
import { remove } from './remove.js';
import { retrieve } from './retrieve.js';
import { retrieveAll } from './retrieve-all.js';
import { retrieveAllKeys } from './retrieve-all-keys.js';
import { store } from './store.js';

/** Mule's Object Store connector (`os:`): docs/object-store.md. */
export const OBJECT_STORE: Connector = {
  prefix: 'os',
  steps: [store, retrieve, contains, remove, retrieveAll, retrieveAllKeys, clear],
  sources: [],
  globals: [objectStore, config],
};
