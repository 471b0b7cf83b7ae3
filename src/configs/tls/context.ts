import { createHash } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { ClientAuth, ListenerTls } from '../../http/tls.js';
import type { ComponentNode, GlobalType } from '../../spi/component.js';
import type { ChildSpec } from '../../spi/spec.js';
import type { KeyMaterial } from './key-store.js';
import { keyStore } from './key-store.js';
import type { ProtocolOptions } from './protocols.js';
import { protocolOptions } from './protocols.js';
import type { TrustMaterial } from './trust-store.js';
import { trustStore } from './trust-store.js';

/** `<tls:context>` as Mule's mule-tls.xsd has it: a trust store, a key store, or both. */
export const tlsContextSpec: ChildSpec = {
  attributes: {
    name: { kind: 'literal' },
    enabledProtocols: { kind: 'literal', doc: 'Comma-separated TLS versions (TLSv1.2,TLSv1.3), or "default".' },
    enabledCipherSuites: { kind: 'literal', doc: 'Comma-separated cipher suites, IANA names as Java has them, or "default".' },
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
    'tls:key-store': {
      attributes: {
        path: { kind: 'literal', required: true },
        type: { kind: 'literal', doc: 'pkcs12 or pem (flowrt reads no jks/jceks: convert them); without it the file decides.' },
        password: { kind: 'literal' },
        keyPassword: { kind: 'literal' },
        alias: { kind: 'literal' },
        algorithm: { kind: 'literal' },
      },
    },
  },
};

/** A tls:context read once: its stores loaded and checked, its lists translated for node:tls. */
export interface TlsContext {
  readonly keyStore?: KeyMaterial;
  readonly trustStore?: TrustMaterial;
  readonly protocols: ProtocolOptions;
}

/** Reads an inline or global `<tls:context>`; undefined when something in it is wrong (reported). */
export function readTlsContext(node: ComponentNode): TlsContext | undefined {
  const keyNode = node.child('tls:key-store');
  const trustNode = node.child('tls:trust-store');
  if (!keyNode && !trustNode) node.error('empty-tls-context', '<tls:context> needs a <tls:key-store> or a <tls:trust-store>');
  const key = keyNode && keyStore(keyNode);
  const trust = trustNode && trustStore(trustNode);
  const protocols = protocolOptions(node);
  if ((keyNode && !key) || (trustNode && !trust) || !protocols) return undefined;
  return { keyStore: key, trustStore: trust, protocols };
}

/**
 * `<tls:context name>` declared once under `<mule>` and named by connections' `tlsContext`
 * attribute. Its stores are read when it is built, once however many connections use it. One
 * spec for both uses, as mule-tls.xsd has one `context` element (`name` optional there too).
 */
export const tlsContextGlobal: GlobalType = {
  element: 'tls:context',
  spec: tlsContextSpec,
  build(node): TlsContext | undefined {
    if (node.literal('name') === undefined)
      node.warn('unnamed-tls-context', 'a global <tls:context> without a name cannot be used', 'name it, and refer to it with tlsContext="…"');
    return readTlsContext(node);
  },
};

/**
 * What an HTTPS listener serves: the key store (required), and, as Mule's listener does, a
 * client certificate demanded when the trust store names a file (`any` if it is insecure).
 * The secure context is built once here so that anything OpenSSL refuses is a load error.
 */
export function listenerTls(context: TlsContext, node: ComponentNode): ListenerTls | undefined {
  const { keyStore: key, trustStore: trust, protocols } = context;
  if (!key) {
    node.error(
      'https-without-key-store',
      'an HTTPS listener needs a <tls:key-store> with its private key and certificate',
      'add <tls:key-store path="server.p12" password="…"/> to its <tls:context>',
    );
    return undefined;
  }
  const clientAuth: ClientAuth = !trust?.configured ? 'none' : trust.insecure ? 'any' : 'verified';
  if (trust?.insecure && trust.configured)
    node.warn(
      'insecure-trust-store',
      'the trust store is insecure: any client certificate is accepted, without validation',
      'remove insecure="true" to check client certificates against the trust store',
    );
  if (trust?.insecure && !trust.configured)
    node.warn('insecure-trust-store', 'an insecure trust store without a path asks clients for no certificate, as in Mule');
  const options = { ...key.options, ...(clientAuth === 'verified' ? { ca: trust!.ca } : {}), ...defined(protocols) };
  try {
    createSecureContext(options);
  } catch (e) {
    node.error('tls-settings-refused', `TLS settings refused by OpenSSL: ${(e as Error).message}`);
    return undefined;
  }
  return { context: options, clientAuth, digest: digest(options, clientAuth) };
}

function defined(protocols: ProtocolOptions): ProtocolOptions {
  return Object.fromEntries(Object.entries(protocols).filter(([, v]) => v !== undefined)) as ProtocolOptions;
}

function digest(options: object, clientAuth: ClientAuth): string {
  const hash = createHash('sha256').update(clientAuth);
  for (const [k, v] of Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`\0${k}\0`).update(Buffer.isBuffer(v) ? v : String(v));
  return hash.digest('hex');
}
