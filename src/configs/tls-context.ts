import type { ComponentNode } from '../spi/component.js';
import { tlsContextSpec } from './tls/context.js';
import { trustStore } from './tls/trust-store.js';

export { listenerTls, readTlsContext, tlsContextGlobal } from './tls/context.js';
export type { TlsContext } from './tls/context.js';
export { tlsContextSpec };

/** What a `tls:context` tells a client: which CAs to trust, or to trust anything (tests only). */
export interface TlsTrust {
  readonly ca?: string;
  readonly insecure: boolean;
}

/**
 * `<tls:context><tls:trust-store path type insecure/></tls:context>` for outbound HTTPS (the
 * listener side is tls/context.ts). Node reads PEM, not Java key stores: a jks/pkcs12/jceks trust
 * store is a load error with the command that converts it. A key store (a client certificate
 * for the server to check) is not sent by flowrt's requester yet: an error, not a silent omission.
 */
export function tlsTrust(node: ComponentNode | undefined): TlsTrust | undefined {
  if (!node) return undefined;
  for (const attr of ['enabledProtocols', 'enabledCipherSuites']) {
    if (node.literal(attr))
      node.warn('ignored-setting', `${attr} is not applied to outbound requests by flowrt: Node.js negotiates TLS 1.2/1.3 with its default ciphers`);
  }
  const keyStore = node.child('tls:key-store');
  if (keyStore) {
    keyStore.error(
      'outbound-client-certificate',
      'flowrt does not send client certificates on outbound requests yet: <tls:key-store> works on HTTPS listeners only',
      'terminate mutual TLS in a sidecar or proxy in front of the upstream, or remove the key store',
    );
    return undefined;
  }
  const store = node.child('tls:trust-store');
  if (!store) return { insecure: false };
  const trust = trustStore(store);
  return trust && { ca: trust.ca, insecure: trust.insecure };
}
