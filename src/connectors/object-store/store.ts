import { OS } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { StepType } from '../../spi/component.js';
import { KEY, OPERATION_CHILDREN, STORE_PARAMS } from './operation.js';
import { objectStoreOf } from './open-store.js';
import { encodeStored, flag, keyOf, mediaTypeOf, storeCall } from './stored-value.js';

/**
 * `<os:store key failIfPresent failOnNullValue objectStore>` with `<os:value>` (default: the
 * payload): stores the value under the key, its type and media type kept, replacing what the key
 * held (its expiry starts again) unless failIfPresent: then OS:KEY_ALREADY_EXISTS, decided
 * atomically, so of two runtimes racing for a key one wins. A null value is OS:NULL_VALUE, or
 * nothing at all with failOnNullValue="false". The message goes on unchanged.
 */
export const store: StepType = {
  element: 'os:store',
  spec: {
    attributes: {
      key: KEY,
      failIfPresent: { kind: 'expression-supported', type: 'boolean', default: 'false' },
      failOnNullValue: { kind: 'expression-supported', type: 'boolean', default: 'true' },
      ...STORE_PARAMS,
    },
    children: { 'os:value': { attributes: {}, text: 'expression-supported' }, ...OPERATION_CHILDREN },
  },
  throws: [OS.INVALID_KEY, OS.NULL_VALUE, OS.KEY_ALREADY_EXISTS, OS.STORE_NOT_AVAILABLE],
  build(node) {
    const os = objectStoreOf(node);
    const key = node.value('key');
    const value = node.child('os:value')?.text();
    const failIfPresent = node.value('failIfPresent');
    const failOnNullValue = node.value('failOnNullValue');
    if (!os || !key) return undefined;
    return {
      location: node.location,
      async process(event) {
        const v = value ? await value.evaluate(event) : event.message.payload;
        // As Mule: the value is checked before the key, so failOnNullValue="false" skips even without a key.
        if (v === null || v === undefined) {
          if (!(await flag(failOnNullValue, event))) return event;
          throw new FlowError(OS.NULL_VALUE, "A null value was provided. Please provide a non-null value or set the 'failOnNullValue' parameter to 'false'");
        }
        const k = await keyOf(key, event);
        const text = encodeStored(v, mediaTypeOf(v, event));
        if (!(await flag(failIfPresent, event))) await storeCall(os, (entries) => entries.put(k, text, os.ttlMs));
        else if (!(await storeCall(os, (entries) => entries.putIfAbsent(k, text, os.ttlMs))))
          throw new FlowError(OS.KEY_ALREADY_EXISTS, `ObjectStore "${os.name}" already contains an object for key '${k}'`);
        return event;
      },
    };
  },
};
