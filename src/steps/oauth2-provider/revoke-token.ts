import { OAUTH2_PROVIDER } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { bareToken } from '../../oauth2/bearer.js';
import { CONFIG_REF, providerOf } from './provider-of.js';
import { storeCall } from './store-call.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

/**
 * `<oauth2-provider:revoke-token config-ref token>` (Mule's Revoke Token): an access token (JWTs
 * included) or a refresh token, which takes the access tokens of its grant with it (RFC 7009
 * §2.1). A token that is unknown, expired or already revoked is no error (RFC 7009 §2.2). The
 * payload is left as it was. A store that cannot be reached raises
 * OAUTH2-PROVIDER:STORE_UNAVAILABLE (the token may still be valid).
 */
export const revokeToken: StepType = {
  element: 'oauth2-provider:revoke-token',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      token: { kind: 'expression-supported', required: true, doc: 'The token, or an Authorization header value (its Bearer prefix is removed).' },
    },
    children: { 'error-mapping': ERROR_MAPPING },
  },
  throws: [OAUTH2_PROVIDER.STORE_UNAVAILABLE],
  build(node) {
    const provider = providerOf(node);
    const token = node.value('token');
    if (!provider || !token) return undefined;
    const { tokens } = provider.core;
    return {
      location: node.location,
      async process(event) {
        const raw = await token.evaluate(event);
        const text = bareToken(raw);
        if (text !== '') await storeCall('revoke-token', async () => (await tokens.revokeAccess(text)) || tokens.revokeRefresh(text));
        return event;
      },
    };
  },
};
