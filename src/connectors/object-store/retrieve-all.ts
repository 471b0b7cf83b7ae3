import { OS } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { nullRecord } from '../../util/null-record.js';
import { answer, OPERATION_CHILDREN, STORE_PARAMS, TARGET_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { decodeStored, storeCall } from './stored-value.js';

/**
 * `<os:retrieve-all objectStore target targetValue>`: every live entry as an object of key →
 * value (each value as it was stored; their media types are not kept, as Mule unwraps them),
 * oldest written first; an empty object for an empty store.
 */
export const retrieveAll: StepType = {
  element: 'os:retrieve-all',
  spec: { attributes: { ...STORE_PARAMS, ...TARGET_PARAMS }, children: OPERATION_CHILDREN },
  throws: [OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    const respond = answer(node);
    if (!os) return undefined;
    return {
      location: node.location,
      async process(event) {
        const all = nullRecord<unknown>();
        for (const [k, text] of await storeCall(os, (entries) => entries.entries())) all[k] = decodeStored(text).value;
        return respond(event, all);
      },
    };
  },
};
