import type { StepType } from '../../spi/component.js';
import { bareToken } from '../../oauth2/bearer.js';
import { CONFIG_REF, providerOf } from './provider-of.js';

/**
 * `<oauth2-provider:revoke-token config-ref token>` (Mule's Revoke Token): an access token (JWTs
 * included) or a refresh token, which takes the access tokens of its grant with it (RFC 7009
 * §2.1). A token that is unknown, expired or already revoked is no error (RFC 7009 §2.2). The
 * payload is left as it was.
 */
export const revokeToken: StepType = {
  element: 'oauth2-provider:revoke-token',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      token: { kind: 'expression-supported', required: true, doc: 'The token, or an Authorization header value (its Bearer prefix is removed).' },
    },
  },
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
        if (text !== '' && !(await tokens.revokeAccess(text))) await tokens.revokeRefresh(text);
        return event;
      },
    };
  },
};
