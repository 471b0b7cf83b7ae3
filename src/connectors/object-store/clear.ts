import { OS } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { OPERATION_CHILDREN, STORE_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { storeCall } from './stored-value.js';

/** `<os:clear objectStore>`: removes every entry of the store. The message goes on unchanged. */
export const clear: StepType = {
  element: 'os:clear',
  spec: { attributes: { ...STORE_PARAMS }, children: OPERATION_CHILDREN },
  throws: [OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    if (!os) return undefined;
    return {
      location: node.location,
      async process(event) {
        await storeCall(os, (entries) => entries.clear());
        return event;
      },
    };
  },
};
