import { OS } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { StepType } from '../../spi/component.js';
import { answer, KEY, OPERATION_CHILDREN, STORE_PARAMS, TARGET_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { decodeStored, keyOf, mediaTypeOf, storeCall } from './stored-value.js';

/**
 * `<os:retrieve key objectStore target targetValue>` with `<os:default-value>`: the value stored
 * under the key, as it was stored (a Buffer stays binary, a number a number) with its media type.
 * A missing key gives the default value (which is not stored), or OS:KEY_NOT_FOUND when there is
 * none or it is null.
 */
export const retrieve: StepType = {
  element: 'os:retrieve',
  spec: {
    attributes: { key: KEY, ...STORE_PARAMS, ...TARGET_PARAMS },
    children: { 'os:default-value': { attributes: {}, text: 'expression-supported' }, ...OPERATION_CHILDREN },
  },
  throws: [OS.INVALID_KEY, OS.KEY_NOT_FOUND, OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    const key = node.value('key');
    const fallback = node.child('os:default-value')?.text();
    const respond = answer(node);
    if (!os || !key) return undefined;
    return {
      location: node.location,
      async process(event) {
        const k = await keyOf(key, event);
        const text = await storeCall(os, (entries) => entries.get(k));
        if (text !== undefined) {
          const stored = decodeStored(text);
          return respond(event, stored.value, stored.mediaType);
        }
        const d = await fallback?.evaluate(event);
        if (d === undefined || d === null)
          throw new FlowError(
            OS.KEY_NOT_FOUND,
            `ObjectStore "${os.name}" doesn't contain any value for key '${k}' and default value was not provided or resolved to a null value.`,
          );
        return respond(event, d, mediaTypeOf(d, event));
      },
    };
  },
};
