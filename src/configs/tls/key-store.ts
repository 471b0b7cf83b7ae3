import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { SecureContext } from 'node:tls';
import type { ComponentNode } from '../../spi/component.js';
import { pkcs12Keys } from './pkcs12-entries.js';
import { readStore, sniff } from './read-store.js';

/** A key store as node:tls takes it: a PKCS#12 file, or a PEM key and its certificate chain. */
export interface KeyMaterial {
  readonly options: { readonly pfx?: Buffer; readonly key?: string; readonly cert?: string; readonly passphrase?: string };
  /** The certificate it serves (the chain's first). */
  readonly certificate?: X509Certificate;
}

const TYPES = ['pkcs12', 'pem', 'jks', 'jceks'];

/**
 * `<tls:key-store path type password keyPassword alias algorithm>`, loaded and checked once:
 * a missing file, a wrong password, a store without a private key or whose certificate does
 * not match its key are load errors at the attribute that causes them. Mule 4 takes jks, jceks
 * and pkcs12 stores; Node.js reads pkcs12 (and flowrt adds pem), so a Java store is a load error
 * with the keytool command that converts it. Without `type` the file's content decides.
 * `algorithm` (the Java KeyManagerFactory's) has no Node.js equivalent and is accepted as is.
 */
export function keyStore(store: ComponentNode): KeyMaterial | undefined {
  const file = readStore(store, 'key store');
  if (!file) return undefined;
  const content = sniff(file.bytes);
  const written = store.literal('type')?.toLowerCase();
  if (written !== undefined && !TYPES.includes(written)) {
    store.error('unknown-store-type', `unknown key store type "${written}"`, `use one of ${TYPES.join(', ')}`, store.element.attrs.get('type')?.valueLoc);
    return undefined;
  }
  const type = content === 'jks' || content === 'jceks' ? content : (written ?? (content === 'pem' ? 'pem' : 'pkcs12'));
  if (type === 'jks' || type === 'jceks') {
    store.error(
      'unsupported-store-type',
      `"${file.path}" is a ${type.toUpperCase()} key store, which Node.js cannot read; convert it to PKCS#12 and write type="pkcs12"`,
      `keytool -importkeystore -srckeystore ${file.path} -srcstoretype ${type} -destkeystore ${stem(file.path)}.p12 -deststoretype pkcs12`,
      store.element.attrs.get('path')?.valueLoc,
    );
    return undefined;
  }
  if ((type === 'pem') !== (content === 'pem')) {
    const is =
      content === 'pem'
        ? 'PEM text: write type="pem"'
        : content === 'pkcs12'
          ? 'not PEM text: it looks like a PKCS#12 file, write type="pkcs12"'
          : 'not PEM text';
    store.error('store-type-mismatch', `key store "${file.path}" is ${is}`, undefined, store.element.attrs.get('type')?.valueLoc);
    return undefined;
  }
  const material = type === 'pem' ? pemStore(store, file.bytes, file.path) : pkcs12Store(store, file.bytes, file.path);
  if (material?.certificate) checkValidity(store, material.certificate);
  return material;
}

function pkcs12Store(store: ComponentNode, pfx: Buffer, path: string): KeyMaterial | undefined {
  const password = store.literal('password');
  const keyPassword = store.literal('keyPassword');
  if (password !== undefined && keyPassword !== undefined && password !== keyPassword) {
    store.warn(
      'ignored-setting',
      'Node.js opens a PKCS#12 file and its key with one password: keyPassword is not used',
      'give the key the store password (openssl and keytool do so by default)',
      store.element.attrs.get('keyPassword')?.valueLoc,
    );
  }
  if (!checkAlias(store, pfx, path)) return undefined;
  const passphrase = password ?? keyPassword ?? '';
  const context = secureContext(store, path, { pfx, passphrase });
  return context ? { options: { pfx, passphrase }, certificate: served(context) } : undefined;
}

/**
 * Mule uses the key named by `alias`, or the first. Node takes the first key of the file and
 * cannot be told otherwise: another alias is a load error saying how to extract that entry.
 */
function checkAlias(store: ComponentNode, pfx: Buffer, path: string): boolean {
  const alias = store.literal('alias');
  if (alias === undefined) return true;
  const at = store.element.attrs.get('alias')?.valueLoc;
  const keys = pkcs12Keys(pfx);
  // Java lower-cases PKCS#12 aliases; keytool matches them case-insensitively.
  const index = keys?.aliases.findIndex((a) => a?.toLowerCase() === alias.toLowerCase()) ?? -1;
  if (index === 0) return true;
  if (keys && index > 0) {
    store.error(
      'alias-not-selectable',
      `Node.js serves the first key of a PKCS#12 file ("${keys.aliases[0] ?? '(unnamed)'}") and cannot select "${alias}", its key number ${index + 1}`,
      `extract that entry into a store of its own: keytool -importkeystore -srckeystore ${path} -srcstoretype pkcs12 -srcalias ${alias} -destkeystore ${alias}.p12 -deststoretype pkcs12`,
      at,
    );
    return false;
  }
  // Tools write every key in the same clear block: keys seen there are all the keys.
  if (keys && (keys.aliases.length > 0 || !keys.opaque)) {
    const named = keys.aliases.map((a) => `"${a ?? '(unnamed)'}"`).join(', ') || 'none';
    store.error('unknown-key-alias', `key store "${path}" has no key named "${alias}"; its keys: ${named}`, undefined, at);
    return false;
  }
  store.warn(
    'alias-not-checked',
    `flowrt cannot read the aliases of "${path}": the first key of the file is served, whatever alias="${alias}" says`,
    undefined,
    at,
  );
  return true;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/** flowrt's extension: one PEM file holding the private key and its certificate chain (leaf first). */
function pemStore(store: ComponentNode, bytes: Buffer, path: string): KeyMaterial | undefined {
  const blocks = [...bytes.toString('utf8').matchAll(PEM_BLOCK)];
  const keys = blocks.filter((b) => b[1]!.endsWith('PRIVATE KEY')).map((b) => b[0]);
  const certs = blocks.filter((b) => b[1] === 'CERTIFICATE').map((b) => b[0]);
  const at = store.element.attrs.get('path')?.valueLoc;
  const together = `a PEM key store is one file with the private key and its certificate chain: cat server.key server.crt > ${stem(path)}.pem`;
  if (keys.length !== 1) {
    store.error(
      keys.length === 0 ? 'key-store-without-key' : 'invalid-key-store',
      keys.length === 0 ? `key store "${path}" holds no private key` : `key store "${path}" holds ${keys.length} private keys; a PEM key store has one`,
      together,
      at,
    );
    return undefined;
  }
  if (certs.length === 0) {
    store.error('key-store-without-certificate', `key store "${path}" holds no certificate`, together, at);
    return undefined;
  }
  if (store.literal('alias') !== undefined)
    store.warn('ignored-setting', 'alias is not used with a PEM key store, which holds one key', undefined, store.element.attrs.get('alias')?.valueLoc);
  const passphrase = store.literal('keyPassword') ?? store.literal('password');
  const key = privateKey(store, keys[0]!, passphrase, path);
  if (!key) return undefined;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certs[0]!);
  } catch (e) {
    store.error('invalid-key-store', `the first certificate of "${path}" cannot be read: ${(e as Error).message}`, undefined, at);
    return undefined;
  }
  if (!certificate.checkPrivateKey(key)) {
    store.error(
      'certificate-key-mismatch',
      `the certificate of "${path}" (${oneLine(certificate.subject)}) does not match its private key`,
      'the first certificate must be the one issued for this key; its CA certificates follow it',
      at,
    );
    return undefined;
  }
  const options = { key: keys[0]!, cert: certs.join('\n'), passphrase };
  return secureContext(store, path, options) ? { options, certificate } : undefined;
}

function privateKey(store: ComponentNode, pem: string, passphrase: string | undefined, path: string): KeyObject | undefined {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const at = store.element.attrs.get('keyPassword')?.valueLoc ?? store.element.attrs.get('password')?.valueLoc ?? store.element.attrs.get('path')?.valueLoc;
    if (err.code === 'ERR_MISSING_PASSPHRASE')
      store.error('missing-key-password', `the private key in "${path}" is encrypted: give its password as keyPassword`, undefined, at);
    else if (/bad decrypt/i.test(err.message)) store.error('wrong-key-password', `wrong keyPassword for the private key in "${path}"`, undefined, at);
    else store.error('invalid-key-store', `the private key in "${path}" cannot be read: ${err.message}`, undefined, at);
    return undefined;
  }
}

/** Builds the secure context once, as the server will: what OpenSSL refuses becomes a located error. */
function secureContext(store: ComponentNode, path: string, options: KeyMaterial['options']): SecureContext | undefined {
  try {
    return createSecureContext(options);
  } catch (e) {
    const message = (e as Error).message;
    const attrs = store.element.attrs;
    const at = (name: string) => attrs.get(name)?.valueLoc ?? attrs.get('path')?.valueLoc;
    if (/mac verify failure/i.test(message)) {
      store.error(
        'wrong-store-password',
        `wrong password for key store "${path}"${attrs.has('password') ? '' : ' (it has none here)'}`,
        'password is the store password (keytool -storepass, openssl pkcs12 -passout)',
        at('password'),
      );
    } else if (/unable to load private key|no private key/i.test(message)) {
      store.error(
        'key-store-without-key',
        `key store "${path}" holds no private key, only certificates`,
        `a listener needs its key and certificate: openssl pkcs12 -export -inkey server.key -in server.crt -out ${stem(path)}.p12`,
        at('path'),
      );
    } else if (/key values mismatch/i.test(message)) {
      store.error(
        'certificate-key-mismatch',
        `the certificate of key store "${path}" does not match its private key`,
        'the certificate must be the one issued for this key',
        at('path'),
      );
    } else if (/unsupported/i.test(message)) {
      store.error(
        'legacy-key-store-encryption',
        `key store "${path}" is encrypted with a legacy algorithm (RC2/40-bit) OpenSSL 3 no longer reads`,
        `re-export it: openssl pkcs12 -legacy -in ${path} -nodes | openssl pkcs12 -export -out ${stem(path)}-aes.p12`,
        at('path'),
      );
    } else if (/not enough data|asn1|wrong tag|header too long/i.test(message)) {
      store.error('invalid-key-store', `key store "${path}" is not a PKCS#12 file (${message})`, undefined, at('path'));
    } else {
      store.error('invalid-key-store', `key store "${path}" cannot be loaded: ${message}`, undefined, at('path'));
    }
    return undefined;
  }
}

/** The certificate a secure context serves. */
function served(context: SecureContext): X509Certificate | undefined {
  // Not in Node's typings: the native context's getCertificate() returns the DER a server sends.
  const native = (context as unknown as { context?: { getCertificate?: () => Buffer | null } }).context;
  const der = native?.getCertificate?.();
  return der ? new X509Certificate(der) : undefined;
}

/**
 * Java's key managers load an expired certificate without a word and Mule serves it; clients
 * then refuse every handshake. flowrt serves it too (a reload must not take a listener down for
 * it) but says so at load.
 */
function checkValidity(store: ComponentNode, certificate: X509Certificate): void {
  const now = Date.now();
  const from = new Date(certificate.validFrom);
  const to = new Date(certificate.validTo);
  const at = store.element.attrs.get('path')?.valueLoc;
  const who = oneLine(certificate.subject);
  if (to.getTime() < now)
    store.warn(
      'certificate-expired',
      `the certificate (${who}) expired on ${to.toISOString()}: clients will refuse it`,
      'renew it; flowrt serves it as Mule does',
      at,
    );
  else if (from.getTime() > now)
    store.warn(
      'certificate-not-yet-valid',
      `the certificate (${who}) is not valid before ${from.toISOString()}: clients will refuse it until then`,
      undefined,
      at,
    );
}

const oneLine = (dn: string): string => dn.split('\n').reverse().join(', ');
const stem = (path: string): string => path.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'store';
