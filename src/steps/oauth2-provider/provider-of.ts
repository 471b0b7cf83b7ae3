import type { OAuthProvider } from '../../oauth2/provider.js';
import type { ComponentNode } from '../../spi/component.js';

/** The `oauth2-provider:config` an operation's config-ref names. */
export function providerOf(node: ComponentNode): OAuthProvider | undefined {
  return node.config<OAuthProvider>();
}

/** config-ref of the provider operations. */
export const CONFIG_REF = { kind: 'literal' as const, required: true, ref: 'oauth2-provider:config' };
