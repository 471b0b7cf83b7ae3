import { OAUTH2_PROVIDER } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { bareToken } from '../../oauth2/bearer.js';
import { applyTarget } from '../../runtime/target.js';
import type { StepType } from '../../spi/component.js';
import { LIST_ATTRIBUTE, listChildren, listParam } from './list-param.js';
import { CONFIG_REF, providerOf } from './provider-of.js';
import { storeCall } from './store-call.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

/**
 * `<oauth2-provider:validate-token config-ref accessToken scopes resourceOwnerRoles>`: the
 * token (default: the request's Bearer token) must be active and carry every scope listed
 * (AND, as Mule) and, for a resource owner's token, every role listed. Both lists are written as
 * Mule's documentation writes them (`scopes="#[['PUBLIC_READ']]"`), or as literals or child elements
 * (list-param.ts). The payload becomes
 * `{expires_in, scope, client_id, username}`; anything else raises
 * OAUTH2-PROVIDER:TOKEN_UNAUTHORIZED, and a store that cannot be reached
 * OAUTH2-PROVIDER:STORE_UNAVAILABLE (the token was not checked: never a pass).
 */
export const validateToken: StepType = {
  element: 'oauth2-provider:validate-token',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      accessToken: {
        kind: 'expression',
        default: '#[attributes.headers.authorization]',
        doc: 'The token, or an Authorization header value (its Bearer prefix is removed).',
      },
      scopes: { ...LIST_ATTRIBUTE, doc: `${LIST_ATTRIBUTE.doc} The token must have every one.` },
      resourceOwnerRoles: { ...LIST_ATTRIBUTE, doc: `${LIST_ATTRIBUTE.doc} The resource owner must have every one.` },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
    children: {
      'error-mapping': ERROR_MAPPING,
      ...listChildren('oauth2-provider:scopes', 'oauth2-provider:scope'),
      ...listChildren('oauth2-provider:resource-owner-roles', 'oauth2-provider:resource-owner-role'),
    },
  },
  throws: [OAUTH2_PROVIDER.TOKEN_UNAUTHORIZED, OAUTH2_PROVIDER.STORE_UNAVAILABLE],
  build(node) {
    const provider = providerOf(node);
    const token = node.value('accessToken');
    const scopes = listParam(node, 'scopes', 'oauth2-provider:scopes', 'oauth2-provider:scope');
    const roles = listParam(node, 'resourceOwnerRoles', 'oauth2-provider:resource-owner-roles', 'oauth2-provider:resource-owner-role');
    const target = node.literal('target');
    const targetValue = target ? node.value('targetValue') : undefined;
    if (provider)
      for (const s of scopes.constant ?? [])
        if (!provider.core.settings.scopes.has(s))
          node.warn('unknown-scope', `scope "${s}" is not one of ${provider.core.settings.name}'s scopes: no token can have it`);
    if (!provider || !token) return undefined;
    const unauthorized = (why: string) => new FlowError(OAUTH2_PROVIDER.TOKEN_UNAUTHORIZED, why);
    return {
      location: node.location,
      async process(event) {
        const raw = await token.evaluate(event);
        const bare = bareToken(raw);
        if (bare === '') throw unauthorized('no access token was presented');
        const record = await storeCall('validate-token', () => provider.core.tokens.lookup(bare));
        if (!record) throw unauthorized('the access token is invalid, expired or revoked');
        const missing = (await scopes.evaluate(event)).filter((s) => !record.scope.includes(s));
        if (missing.length > 0) throw unauthorized(`the access token lacks scope ${missing.join(' ')}`);
        const lacking = (await roles.evaluate(event)).filter((r) => !(record.roles ?? []).includes(r));
        if (lacking.length > 0) throw unauthorized(`the resource owner lacks role ${lacking.join(' ')}`);
        const payload = {
          expires_in: Math.max(0, record.exp - Math.floor(Date.now() / 1000)),
          scope: record.scope.join(' '),
          client_id: record.clientId,
          username: record.username ?? null,
        };
        const result = event.with({ message: { payload, attributes: event.message.attributes, mediaType: 'application/java' } });
        return applyTarget(event, result, target, targetValue && ((r) => targetValue.evaluate(r)));
      },
    };
  },
};
