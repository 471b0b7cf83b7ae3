import type { ListenerConfig } from '../http/endpoint.js';
import { signingKeyFromPem } from '../oauth2/jwt-signer.js';
import { OAuthProvider } from '../oauth2/provider.js';
import type { ProviderSettings, SigningKey } from '../oauth2/settings.js';
import type { ComponentNode, GlobalType } from '../spi/component.js';
import { readSettings } from './oauth2-provider/read-settings.js';
import { resourceOwnersOf } from './oauth2-provider/resource-owners.js';
import { providerEndpoints } from './oauth2-provider/serve.js';
import { providerSpec } from './oauth2-provider/spec.js';

/**
 * `<oauth2-provider:config>`: an OAuth 2.0 authorization server on one of the app's listener
 * configs (Mule's OAuth2 Provider module, plus RFC 8414 metadata, RFC 7662 introspection, RFC
 * 7009 revocation, PKCE, JWT access tokens and RFC 7591 registration). Its tokens, codes and
 * clients live in the runtime's stores under the app and config name.
 */
export const oauth2ProviderConfig: GlobalType = {
  element: 'oauth2-provider:config',
  spec: providerSpec,
  build(node): OAuthProvider | undefined {
    const read = readSettings(node);
    const listener = node.config<ListenerConfig>('listenerConfig');
    if (!read || !listener) return undefined;
    const signingKey = readSigningKey(node.child('oauth2-provider:token-config'), read.token.format);
    const settings: ProviderSettings = {
      ...read,
      token: { ...read.token, ...(signingKey ? { signingKey } : {}) },
      authorization: { ...read.authorization, loginPage: readLoginPage(node.child('oauth2-provider:authorization-config')) },
      resourceOwners: resourceOwnersOf(node, read.grantTypes),
    };
    const { services } = node;
    const scope = `${services.appName}:oauth2:${settings.name}`;
    const provider = new OAuthProvider(settings, services.stores, scope);
    for (const endpoint of providerEndpoints(provider, listener, settings.name, node.location, services.log)) services.bind(endpoint);
    return provider;
  },
};

/** token-config's `signingKey`: a PEM private key file of the app, read and checked at load. */
function readSigningKey(tokenNode: ComponentNode | undefined, format: 'opaque' | 'jwt'): SigningKey | undefined {
  const path = tokenNode?.literal('signingKey');
  if (!tokenNode || !path) return undefined;
  const at = tokenNode.element.attrs.get('signingKey')?.valueLoc;
  if (format !== 'jwt') {
    tokenNode.warn('ignored-setting', 'signingKey is ignored: access tokens are opaque', 'set accessTokenFormat="jwt" to issue JWT access tokens', at);
    return undefined;
  }
  const file = tokenNode.readResource(path, at);
  if (!file) return undefined;
  const key = signingKeyFromPem(file.text);
  if (typeof key === 'string') {
    tokenNode.error(
      'invalid-signing-key',
      `signingKey ${path} cannot sign access tokens: ${key}`,
      'generate one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`, or leave signingKey out to have one generated',
      at,
    );
    return undefined;
  }
  return key;
}

/** authorization-config's `loginPage`: an HTML file of the app, read at load; the endpoint gets its text. */
function readLoginPage(authNode: ComponentNode | undefined): string | undefined {
  const path = authNode?.literal('loginPage');
  if (!authNode || !path) return undefined;
  return authNode.readResource(path, authNode.element.attrs.get('loginPage')?.valueLoc)?.text;
}
