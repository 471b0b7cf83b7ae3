import type { X509Certificate } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { childrenOf, oid, readNode, smallInteger, TAG, walk } from './tls-der.js';

/**
 * A client certificate as a flow reads it: Mule 4's `attributes.clientCertificate` is a Java
 * X509Certificate, which DataWeave shows through its getters (`subjectDN`, `issuerDN`,
 * `serialNumber`, `notBefore`, `notAfter`, `encoded`, `publicKey`, `sigAlgName` …). The same
 * names here, as JSON values: dates as ISO-8601 text, bytes as base64 (DataWeave writes binaries
 * to JSON that way), the serial number as decimal text (it outgrows a JSON number). flowrt adds
 * `pem` and the SHA-256 / SHA-1 fingerprints.
 */
export interface ClientCertificate {
  readonly type: 'X.509';
  readonly version: number;
  readonly subjectDN: DistinguishedName;
  readonly issuerDN: DistinguishedName;
  /** X500Principal.getName(): RFC 2253, no spaces. */
  readonly subjectX500Principal: { readonly name: string };
  readonly issuerX500Principal: { readonly name: string };
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sigAlgName: string | null;
  readonly sigAlgOID: string | null;
  readonly publicKey: { readonly algorithm: string; readonly format: 'X.509'; readonly encoded: string };
  /** Java's getSubjectAlternativeNames(): [type, value] pairs (2 DNS, 7 IP, 1 email, 6 URI). */
  readonly subjectAlternativeNames: ReadonlyArray<readonly [number, string]> | null;
  readonly extendedKeyUsage: readonly string[] | null;
  /** The DER bytes, base64. */
  readonly encoded: string;
  readonly pem: string;
  readonly sha256Fingerprint: string;
  readonly sha1Fingerprint: string;
}

/** Java's X500Name getters; `name` is its toString(): most specific first, ", " between. */
export interface DistinguishedName {
  readonly name: string;
  readonly commonName: string | null;
  readonly organization: string | null;
  readonly organizationalUnit: string | null;
  readonly locality: string | null;
  readonly state: string | null;
  readonly country: string | null;
}

// Read once per connection: a keep-alive connection sends many requests with one certificate.
const seen = new WeakMap<Socket, ClientCertificate | null>();

/** The certificate the client of `socket` presented, or null (Mule's value when there is none). */
export function clientCertificate(socket: Socket): ClientCertificate | null {
  let found = seen.get(socket);
  if (found === undefined) {
    const x509 = (socket as TLSSocket).getPeerX509Certificate?.();
    found = x509 ? describeCertificate(x509) : null;
    seen.set(socket, found);
  }
  return found;
}

export function describeCertificate(x509: X509Certificate): ClientCertificate {
  const der = x509.raw;
  const signature = signatureAlgorithm(der);
  const key = x509.publicKey;
  return deepFreeze({
    type: 'X.509',
    version: certificateVersion(der),
    subjectDN: distinguishedName(x509.subject),
    issuerDN: distinguishedName(x509.issuer),
    subjectX500Principal: { name: rdns(x509.subject).reverse().join(',') },
    issuerX500Principal: { name: rdns(x509.issuer).reverse().join(',') },
    serialNumber: BigInt(`0x${x509.serialNumber}`).toString(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    sigAlgName: signature ? (SIGNATURE_NAMES[signature] ?? signature) : null,
    sigAlgOID: signature ?? null,
    publicKey: {
      algorithm: KEY_NAMES[key.asymmetricKeyType ?? ''] ?? String(key.asymmetricKeyType),
      format: 'X.509',
      encoded: key.export({ type: 'spki', format: 'der' }).toString('base64'),
    },
    subjectAlternativeNames: alternativeNames(x509.subjectAltName),
    extendedKeyUsage: x509.keyUsage ?? null,
    encoded: der.toString('base64'),
    pem: x509.toString(),
    sha256Fingerprint: x509.fingerprint256,
    sha1Fingerprint: x509.fingerprint,
  });
}

/** Node's `C=US\nO=Acme\nCN=client` (encoding order) as Java's X500Name. */
function distinguishedName(text: string): DistinguishedName {
  const parts = rdns(text);
  const get = (key: string): string | null => {
    const hit = parts.findLast((p) => p.startsWith(`${key}=`));
    return hit === undefined ? null : hit.slice(key.length + 1);
  };
  return {
    name: [...parts].reverse().join(', '),
    commonName: get('CN'),
    organization: get('O'),
    organizationalUnit: get('OU'),
    locality: get('L'),
    state: get('ST'),
    country: get('C'),
  };
}

function rdns(text: string): string[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((p) => (p.startsWith('emailAddress=') ? `EMAILADDRESS=${p.slice(13)}` : p));
}

const SAN_TYPES: Readonly<Record<string, number>> = { othername: 0, email: 1, DNS: 2, DirName: 4, URI: 6, 'IP Address': 7, 'Registered ID': 8 };

/** `DNS:a.example, IP Address:127.0.0.1` (values with a comma come JSON-quoted) as Java's pairs. */
function alternativeNames(text: string | undefined): Array<[number, string]> | null {
  if (!text) return null;
  const out: Array<[number, string]> = [];
  for (const m of text.matchAll(/([A-Za-z][A-Za-z ]*):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g)) {
    const value = m[2]!.startsWith('"') ? (JSON.parse(m[2]!) as string) : m[2]!;
    out.push([SAN_TYPES[m[1]!] ?? -1, value]);
  }
  return out;
}

/** RFC 5280 §4.1.2.1: version is [0] EXPLICIT INTEGER, absent for v1; the value is version - 1. */
function certificateVersion(der: Buffer): number {
  const tbs = walk(der, [[0, TAG.SEQUENCE]]);
  const first = tbs && childrenOf(der, tbs)[0];
  if (!first || first.tag !== TAG.CONTEXT_0) return 1;
  const value = readNode(der, first.start, first.end);
  return value?.tag === TAG.INTEGER ? smallInteger(der, value) + 1 : 1;
}

/** RFC 5280 §4.1.1.2: the certificate's signatureAlgorithm OID. */
function signatureAlgorithm(der: Buffer): string | undefined {
  const id = walk(der, [
    [1, TAG.SEQUENCE],
    [0, TAG.OID],
  ]);
  return id ? oid(der, id) : undefined;
}

/** Java's standard names (Java Security Standard Algorithm Names). */
const SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'SHA1withRSA',
  '1.2.840.113549.1.1.11': 'SHA256withRSA',
  '1.2.840.113549.1.1.12': 'SHA384withRSA',
  '1.2.840.113549.1.1.13': 'SHA512withRSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'SHA1withECDSA',
  '1.2.840.10045.4.3.2': 'SHA256withECDSA',
  '1.2.840.10045.4.3.3': 'SHA384withECDSA',
  '1.2.840.10045.4.3.4': 'SHA512withECDSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const KEY_NAMES: Readonly<Record<string, string>> = { rsa: 'RSA', 'rsa-pss': 'RSASSA-PSS', ec: 'EC', dsa: 'DSA', ed25519: 'Ed25519', ed448: 'Ed448' };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
