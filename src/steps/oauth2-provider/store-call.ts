import { OAUTH2_PROVIDER } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { StoreUnavailableError } from '../../stores/store-error.js';

/**
 * Runs an operation on the provider's stores: a store that cannot be reached (Redis down) is
 * OAUTH2-PROVIDER:STORE_UNAVAILABLE, a type a flow can map to 503, rather than MULE:UNKNOWN.
 * Nothing was checked, so nothing passes: the error fails the operation as any other would.
 *
 * @example
 * const record = await storeCall('validate-token', () => tokens.lookup(bare));
 */
export async function storeCall<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
    throw new FlowError(
      OAUTH2_PROVIDER.STORE_UNAVAILABLE,
      `${operation} could not reach the provider's store (${e.message}); nothing was checked: try again once it is back`,
      { cause: e },
    );
  }
}
