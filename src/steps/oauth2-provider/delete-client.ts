import { OAUTH2_PROVIDER } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { toText } from '../../expr/value.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, providerOf } from './provider-of.js';
import { storeCall } from './store-call.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

/**
 * `<oauth2-provider:delete-client config-ref clientId>` (Mule's Delete Client): removes a client
 * created at run time; an unknown one raises OAUTH2-PROVIDER:NO_SUCH_CLIENT, a configured one
 * OAUTH2-PROVIDER:INVALID_CONFIGURATION (the config defines it again at every start). Tokens
 * already issued to it run until they expire or are revoked; it can get no new ones.
 */
export const deleteClient: StepType = {
  element: 'oauth2-provider:delete-client',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      clientId: { kind: 'expression-supported', required: true },
    },
    children: { 'error-mapping': ERROR_MAPPING },
  },
  throws: [OAUTH2_PROVIDER.NO_SUCH_CLIENT, OAUTH2_PROVIDER.INVALID_CONFIGURATION, OAUTH2_PROVIDER.STORE_UNAVAILABLE],
  build(node) {
    const provider = providerOf(node);
    const clientId = node.value('clientId');
    if (!provider || !clientId) return undefined;
    const { clients, settings } = provider.core;
    return {
      location: node.location,
      async process(event) {
        const id = toText(await clientId.evaluate(event)).trim();
        if (clients.isFixed(id)) {
          throw new FlowError(
            OAUTH2_PROVIDER.INVALID_CONFIGURATION,
            `client ${id} is configured in ${settings.name}'s clients and cannot be deleted at run time`,
          );
        }
        if (!(await storeCall('delete-client', () => clients.delete(id))))
          throw new FlowError(OAUTH2_PROVIDER.NO_SUCH_CLIENT, `${settings.name} has no client ${id}`);
        return event;
      },
    };
  },
};
