import type { ComponentNode } from '../spi/component.js';
import type { ChildSpec } from '../spi/spec.js';

/** What a `tls:context` tells a client: which CAs to trust, or to trust anything (tests only). */
export interface TlsTrust {
  readonly ca?: string;
  readonly insecure: boolean;
}

/**
 * `<tls:context><tls:trust-store path type insecure/></tls:context>` for outbound HTTPS. Node
 * reads PEM, not Java key stores: a jks/pkcs12/jceks trust store is a load error with the
 * command that converts it.
 */
export const tlsContextSpec: ChildSpec = {
  attributes: {
    name: { kind: 'literal' },
    enabledProtocols: { kind: 'literal' },
    enabledCipherSuites: { kind: 'literal' },
  },
  children: {
    'tls:trust-store': {
      attributes: {
        path: { kind: 'literal' },
        password: { kind: 'literal' },
        type: { kind: 'literal', default: 'pem', values: ['pem', 'jks', 'pkcs12', 'jceks'] },
        algorithm: { kind: 'literal' },
        insecure: { kind: 'literal', type: 'boolean', default: 'false' },
      },
    },
  },
};

export function tlsTrust(node: ComponentNode | undefined): TlsTrust | undefined {
  if (!node) return undefined;
  for (const attr of ['enabledProtocols', 'enabledCipherSuites']) {
    if (node.literal(attr)) node.warn(`${attr} is not applied by flowrt: Node.js negotiates TLS 1.2/1.3 with its default ciphers`);
  }
  const store = node.child('tls:trust-store');
  if (!store) return { insecure: false };
  const insecure = store.bool('insecure') ?? false;
  const path = store.literal('path');
  const type = store.literal('type') ?? 'pem';
  if (!path) return { insecure };
  if (type !== 'pem') {
    store.error(`a ${type} trust store cannot be read by flowrt; give the CA certificates as a PEM file with type="pem"`,
      `keytool -exportcert -rfc -keystore ${path} -alias <alias> > ca.pem   (or: openssl pkcs12 -in ${path} -nokeys -out ca.pem)`);
    return undefined;
  }
  const file = node.readResource(path, store.element.attrs.get('path')?.valueLoc);
  return file ? { ca: file.text, insecure } : undefined;
}
