import { OS } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { answer, KEY, OPERATION_CHILDREN, STORE_PARAMS, TARGET_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { keyOf, storeCall } from './stored-value.js';

/** `<os:contains key objectStore target targetValue>`: true when the key holds a live value. */
export const contains: StepType = {
  element: 'os:contains',
  spec: { attributes: { key: KEY, ...STORE_PARAMS, ...TARGET_PARAMS }, children: OPERATION_CHILDREN },
  throws: [OS.INVALID_KEY, OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    const key = node.value('key');
    const respond = answer(node);
    if (!os || !key) return undefined;
    return {
      location: node.location,
      async process(event) {
        const k = await keyOf(key, event);
        return respond(event, await storeCall(os, (entries) => entries.has(k)));
      },
    };
  },
};
