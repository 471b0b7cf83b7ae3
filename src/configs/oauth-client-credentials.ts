import { condition } from '../expr/boolean.js';
import type { Value } from '../expr/value.js';
import type { ResponseView } from '../http/client/auth.js';
import type { ClientCredentialsOptions } from '../http/client/oauth-client-credentials.js';
import { FlowEvent } from '../runtime/event.js';
import type { ComponentNode } from '../spi/component.js';
import type { ChildSpec } from '../spi/spec.js';

/**
 * `<oauth:client-credentials-grant-type>` from Mule's OAuth module (inside
 * `http:authentication`), with its attribute names and defaults (JSONata in place of
 * DataWeave). `<oauth:custom-parameters>` is a flowrt extension for token-request fields such
 * as Auth0's `audience`, which Mule's module cannot send.
 */
export const clientCredentialsSpec: ChildSpec = {
  attributes: {
    clientId: { kind: 'literal', expressionInMule: true, required: true },
    clientSecret: { kind: 'literal', expressionInMule: true, required: true },
    tokenUrl: { kind: 'literal', expressionInMule: true, required: true },
    scopes: { kind: 'literal', expressionInMule: true },
    encodeClientCredentialsInBody: { kind: 'literal', type: 'boolean', default: 'false' },
    responseAccessToken: { kind: 'expression', default: '#[payload.access_token]' },
    responseRefreshToken: { kind: 'expression', default: '#[payload.refresh_token]' },
    responseExpiresIn: { kind: 'expression', default: '#[payload.expires_in]' },
    refreshTokenWhen: { kind: 'expression', default: '#[attributes.statusCode = 401 or attributes.statusCode = 403]' },
  },
  children: {
    'oauth:custom-parameters': {
      attributes: {},
      children: {
        'oauth:custom-parameter': { attributes: { paramName: { kind: 'literal', required: true }, value: { kind: 'literal', required: true } }, max: Infinity },
      },
    },
  },
  notYet: {
    tokenManager: 'flowrt keeps the token in its own store; oauth:token-manager-config is not supported yet',
    tlsContext: 'the token request trusts the CAs Node.js trusts (NODE_EXTRA_CA_CERTS adds more)',
    'tls:context': 'the token request trusts the CAs Node.js trusts (NODE_EXTRA_CA_CERTS adds more)',
    proxyConfig: 'flowrt sends requests directly; an outbound proxy is not supported yet',
    'oauth:custom-parameter-extractors': 'read extra fields of the token response in the flow instead',
  },
};

/** The options of a client-credentials grant; undefined (with diagnostics) when it is not usable. */
export function clientCredentialsOptions(node: ComponentNode, timeoutMs: number): ClientCredentialsOptions | undefined {
  const [clientId, clientSecret, tokenUrl] = [node.literal('clientId'), node.literal('clientSecret'), node.literal('tokenUrl')];
  const [accessToken, expiresIn, refreshWhen] = [node.value('responseAccessToken'), node.value('responseExpiresIn'), node.value('refreshTokenWhen')];
  node.value('responseRefreshToken'); // compiled for its diagnostics; client credentials get no refresh token
  let url: URL | undefined;
  try {
    url = tokenUrl ? new URL(tokenUrl) : undefined;
  } catch {
    node.error('url-not-absolute', `tokenUrl "${tokenUrl}" is not an absolute URL`, undefined, node.element.attrs.get('tokenUrl')?.valueLoc);
  }
  if (!clientId || clientSecret === undefined || !url || !accessToken || !expiresIn || !refreshWhen) return undefined;
  const customParameters: Record<string, string> = {};
  for (const p of node.child('oauth:custom-parameters')?.children('oauth:custom-parameter') ?? []) {
    customParameters[p.literal('paramName')!] = p.literal('value')!;
  }
  return {
    tokenUrl: url,
    clientId,
    clientSecret,
    scopes: node.literal('scopes'),
    encodeClientCredentialsInBody: node.bool('encodeClientCredentialsInBody') ?? false,
    customParameters,
    accessToken: overResponse(accessToken),
    expiresIn: overResponse(expiresIn),
    refreshWhen: conditionOverResponse(refreshWhen),
    timeoutMs,
  };
}

/** An expression over a token-endpoint or API response (`payload`, `attributes`). */
function overResponse(value: Value): (response: ResponseView) => Promise<unknown> {
  return (response) => value.evaluate(FlowEvent.create({ payload: response.payload, attributes: response.attributes }));
}

function conditionOverResponse(value: Value): (response: ResponseView) => Promise<boolean> {
  const test = condition(value);
  return (response) => test(FlowEvent.create({ payload: response.payload, attributes: response.attributes }));
}
