import type { ComponentNode } from '../../spi/component.js';
import { readStore } from './read-store.js';

/** A `tls:trust-store`: the CAs to trust, or trust in anything. */
export interface TrustMaterial {
  /** PEM CA certificates; absent when the store names no file. */
  readonly ca?: string;
  /** Mule's `insecure="true"`: no certificate validation at all. */
  readonly insecure: boolean;
  /** Whether it names a file: what makes Mule's listeners require client certificates. */
  readonly configured: boolean;
}

/**
 * `<tls:trust-store path type password insecure>`. Node reads CA certificates as PEM, not Java
 * key stores: a jks/pkcs12/jceks trust store is a load error with the command that converts it.
 * Mule checks that the file exists even when `insecure` makes it unused; so does flowrt.
 */
export function trustStore(store: ComponentNode): TrustMaterial | undefined {
  const insecure = store.bool('insecure') ?? false;
  const path = store.literal('path');
  const type = store.literal('type') ?? 'pem';
  if (!path) return { insecure, configured: false };
  if (type !== 'pem') {
    store.error(
      'unsupported-store-type',
      `a ${type} trust store cannot be read by flowrt; give the CA certificates as a PEM file with type="pem"`,
      `keytool -exportcert -rfc -keystore ${path} -alias <alias> > ca.pem   (or: openssl pkcs12 -in ${path} -nokeys -out ca.pem)`,
    );
    return undefined;
  }
  const file = readStore(store, 'trust store');
  if (!file) return undefined;
  const ca = file.bytes.toString('utf8');
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    store.error(
      'empty-trust-store',
      `trust store "${path}" holds no PEM certificate`,
      'a PEM trust store is a file of -----BEGIN CERTIFICATE----- blocks, the CAs to trust',
      store.element.attrs.get('path')?.valueLoc,
    );
    return undefined;
  }
  return { ca, insecure, configured: true };
}
