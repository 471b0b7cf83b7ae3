import { OS } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { answer, OPERATION_CHILDREN, STORE_PARAMS, TARGET_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { storeCall } from './stored-value.js';

/** `<os:retrieve-all-keys objectStore target targetValue>`: the store's live keys, oldest written first. */
export const retrieveAllKeys: StepType = {
  element: 'os:retrieve-all-keys',
  spec: { attributes: { ...STORE_PARAMS, ...TARGET_PARAMS }, children: OPERATION_CHILDREN },
  throws: [OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    const respond = answer(node);
    if (!os) return undefined;
    return {
      location: node.location,
      async process(event) {
        return respond(event, await storeCall(os, (entries) => entries.keys()));
      },
    };
  },
};
