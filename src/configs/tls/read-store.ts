import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ComponentNode } from '../../spi/component.js';

/**
 * The bytes of the store file `store`'s `path` names. Mule resolves it "relative to the current
 * classpath and file system": here an absolute path is read as it is (a secret mounted outside
 * the app), a relative one is found as resource files are (next to the flow, in the app, in
 * src/main/resources). Key stores are binary, so the file is read again as bytes, at the path the
 * resource lookup reports (relative to the working directory, or absolute). Read once, at load.
 */
export function readStore(store: ComponentNode, what: string): { bytes: Buffer; path: string } | undefined {
  const path = store.literal('path');
  const at = store.element.attrs.get('path')?.valueLoc;
  if (!path) {
    store.error('missing-attribute', `<${store.element.key}> needs a path to the ${what}`, undefined, at);
    return undefined;
  }
  if (isAbsolute(path)) {
    if (!existsSync(path) || !statSync(path).isFile()) {
      store.error('missing-resource', `${what} file "${path}" does not exist`, 'give an absolute path to a readable file, or a path relative to the app', at);
      return undefined;
    }
    return { bytes: readFileSync(path), path };
  }
  const found = store.readResource(path, at);
  if (!found) return undefined;
  try {
    return { bytes: readFileSync(resolve(found.file)), path };
  } catch (e) {
    store.error('unreadable-file', `${what} file "${path}" cannot be read as bytes: ${(e as Error).message}`, undefined, at);
    return undefined;
  }
}

/** What a store file holds, from its first bytes, whatever its `type` says. */
export function sniff(bytes: Buffer): 'pem' | 'jks' | 'jceks' | 'pkcs12' | 'unknown' {
  if (bytes.length >= 4) {
    const magic = bytes.readUInt32BE(0);
    if (magic === 0xfeedfeed) return 'jks';
    if (magic === 0xcececece) return 'jceks';
  }
  if (bytes.subarray(0, 4096).toString('latin1').includes('-----BEGIN ')) return 'pem';
  // A PKCS#12 PFX is a DER SEQUENCE whose first member is INTEGER 3 (RFC 7292 §4).
  if (bytes[0] === 0x30) return 'pkcs12';
  return 'unknown';
}
