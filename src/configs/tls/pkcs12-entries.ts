import { childrenOf, oid, readNode, TAG, walk } from '../../http/tls-der.js';
import type { DerNode } from '../../http/tls-der.js';

const DATA = '1.2.840.113549.1.7.1';
const KEY_BAGS = new Set(['1.2.840.113549.1.12.10.1.1', '1.2.840.113549.1.12.10.1.2']);
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';

/** The key entries of a PKCS#12 file, in file order, by alias. */
export interface Pkcs12Keys {
  readonly aliases: ReadonlyArray<string | undefined>;
  /** Some content is encrypted as a whole (OpenSSL and keytool encrypt the certificates so, not the keys). */
  readonly opaque: boolean;
}

/**
 * Lists a PKCS#12 file's private keys without decrypting anything: OpenSSL and Java write each key
 * as a shrouded bag in a plain data block, its alias (friendlyName) in clear (RFC 7292 §4.2).
 * Node loads the first key of a file (OpenSSL's PKCS12_parse) and cannot be asked for another,
 * which is why the order matters. Undefined when the file is not such a structure.
 */
export function pkcs12Keys(der: Buffer): Pkcs12Keys | undefined {
  // PFX { version, authSafe ContentInfo { data, [0] OCTET STRING { AuthenticatedSafe } } }
  const authSafe = walk(der, [[1, TAG.SEQUENCE]]);
  const safes = authSafe && dataContent(der, authSafe);
  if (!safes) return undefined;
  const aliases: Array<string | undefined> = [];
  let opaque = false;
  for (const info of childrenOf(der, safes)) {
    const bags = dataContent(der, info);
    if (!bags) {
      opaque = true;
      continue;
    }
    for (const bag of childrenOf(der, bags)) {
      const [id, , attributes] = childrenOf(der, bag);
      if (id?.tag === TAG.OID && KEY_BAGS.has(oid(der, id))) aliases.push(attributes?.tag === TAG.SET ? friendlyName(der, attributes) : undefined);
    }
  }
  return { aliases, opaque };
}

/** The SEQUENCE inside a ContentInfo of type data; undefined for any other type. */
function dataContent(der: Buffer, info: DerNode): DerNode | undefined {
  const [type, explicit] = childrenOf(der, info);
  if (type?.tag !== TAG.OID || oid(der, type) !== DATA || explicit?.tag !== TAG.CONTEXT_0) return undefined;
  const octets = readNode(der, explicit.start, explicit.end);
  if (octets?.tag !== TAG.OCTET_STRING) return undefined;
  const inner = readNode(der, octets.start, octets.end);
  return inner?.tag === TAG.SEQUENCE ? inner : undefined;
}

function friendlyName(der: Buffer, attributes: DerNode): string | undefined {
  for (const attribute of childrenOf(der, attributes)) {
    const [id, values] = childrenOf(der, attribute);
    if (id?.tag !== TAG.OID || oid(der, id) !== FRIENDLY_NAME || !values) continue;
    const value = childrenOf(der, values)[0];
    if (value?.tag === TAG.BMP_STRING) return Buffer.from(der.subarray(value.start, value.end)).swap16().toString('utf16le');
  }
  return undefined;
}
