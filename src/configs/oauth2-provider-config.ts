import type { ListenerConfig } from '../http/endpoint.js';
import { OAuthProvider } from '../oauth2/provider.js';
import type { ProviderSettings } from '../oauth2/settings.js';
import type { GlobalType } from '../spi/component.js';
import { readSettings } from './oauth2-provider/read-settings.js';
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
    const settings: ProviderSettings = { ...read };
    const { services } = node;
    const provider = new OAuthProvider(settings, services.stores, `${services.appName}:oauth2:${settings.name}`);
    for (const endpoint of providerEndpoints(provider, listener, settings.name, node.location, services.log)) services.bind(endpoint);
    return provider;
  },
};
