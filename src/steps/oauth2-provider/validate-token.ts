import { OAUTH2_PROVIDER } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import { bareToken } from '../../oauth2/bearer.js';
import { list } from '../../oauth2/lists.js';
import { applyTarget } from '../../runtime/target.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, providerOf } from './provider-of.js';
import { storeCall } from './store-call.js';

/**
 * `<oauth2-provider:validate-token config-ref accessToken scopes resourceOwnerRoles>`: the
 * token (default: the request's Bearer token) must be active and carry every scope listed
 * (AND, as Mule) and, for a resource owner's token, every role listed. The payload becomes
 * `{expires_in, scope, client_id, username}`; anything else raises
 * OAUTH2-PROVIDER:TOKEN_UNAUTHORIZED, and a store that cannot be reached
 * OAUTH2-PROVIDER:STORE_UNAVAILABLE (the token was not checked: never a pass).
 */
export const validateToken: StepType = {
  element: 'oauth2-provider:validate-token',
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      accessToken: { kind: 'expression', default: "#[attributes.headers.authorization]", doc: 'The token, or an Authorization header value (its Bearer prefix is removed).' },
      scopes: { kind: 'literal', doc: 'Space- or comma-separated; all are required.' },
      resourceOwnerRoles: { kind: 'literal', doc: 'Space- or comma-separated; all are required.' },
      target: { kind: 'literal' },
      targetValue: { kind: 'expression', default: '#[payload]' },
    },
  },
  throws: [OAUTH2_PROVIDER.TOKEN_UNAUTHORIZED, OAUTH2_PROVIDER.STORE_UNAVAILABLE],
  build(node) {
    const provider = providerOf(node);
    const token = node.value('accessToken');
    const scopes = list(node.literal('scopes'));
    const roles = list(node.literal('resourceOwnerRoles'));
    const target = node.literal('target');
    const targetValue = target ? node.value('targetValue') : undefined;
    if (provider) for (const s of scopes) if (!provider.core.settings.scopes.has(s)) node.warn(`scope "${s}" is not one of ${provider.core.settings.name}'s scopes: no token can have it`);
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
        const missing = scopes.filter((s) => !record.scope.includes(s));
        if (missing.length > 0) throw unauthorized(`the access token lacks scope ${missing.join(' ')}`);
        const lacking = roles.filter((r) => !(record.roles ?? []).includes(r));
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
