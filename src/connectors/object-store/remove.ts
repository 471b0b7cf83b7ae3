import { OS } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { StepType } from '../../spi/component.js';
import { KEY, OPERATION_CHILDREN, STORE_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { keyOf, storeCall } from './stored-value.js';

/**
 * `<os:remove key objectStore>`: removes the key's value; a key that holds none is
 * OS:KEY_NOT_FOUND (decided atomically: of two runtimes removing one key, one fails). The message
 * goes on unchanged.
 */
export const remove: StepType = {
  element: 'os:remove',
  spec: { attributes: { key: KEY, ...STORE_PARAMS }, children: OPERATION_CHILDREN },
  throws: [OS.INVALID_KEY, OS.KEY_NOT_FOUND, OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    const key = node.value('key');
    if (!os || !key) return undefined;
    return {
      location: node.location,
      async process(event) {
        const k = await keyOf(key, event);
        if (!(await storeCall(os, (entries) => entries.delete(k))))
          throw new FlowError(OS.KEY_NOT_FOUND, `ObjectStore "${os.name}" doesn't contain any value for key '${k}'`);
        return event;
      },
    };
  },
};
