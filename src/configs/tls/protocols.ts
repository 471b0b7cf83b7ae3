import { getCiphers } from 'node:tls';
import type { SecureVersion } from 'node:tls';
import type { ComponentNode } from '../../spi/component.js';
import { CIPHER_SUITES } from './cipher-suites.js';

/** What a tls:context's enabledProtocols and enabledCipherSuites become for node:tls. */
export interface ProtocolOptions {
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  readonly ciphers?: string;
}

const VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * Mule's comma-separated lists (Java names: `TLSv1.2,TLSv1.3`; IANA cipher suites), "default"
 * meaning the runtime's defaults (DefaultTlsContextFactory.isUseDefaults). Node.js enables a
 * range of versions, not a set, and takes OpenSSL's cipher names: names are translated, a gap in
 * the versions is a warning, an unknown name an error. Java enables no TLS 1.3 when no TLS 1.3
 * suite is listed; Node would keep its default TLS 1.3 suites, so TLS 1.3 is turned off then.
 */
export function protocolOptions(node: ComponentNode): ProtocolOptions | undefined {
  const versions = enabledVersions(node);
  const suites = enabledSuites(node);
  if (versions === undefined || suites === undefined) return undefined;
  let { minVersion, maxVersion } = versions;
  if (suites.ciphers !== undefined && !suites.tls13) {
    if (minVersion === 'TLSv1.3') {
      node.error(
        'no-tls13-cipher-suite',
        'enabledProtocols is TLSv1.3 only, but enabledCipherSuites lists no TLS 1.3 suite (TLS_AES_128_GCM_SHA256 …)',
        undefined,
        node.element.attrs.get('enabledCipherSuites')?.valueLoc,
      );
      return undefined;
    }
    maxVersion = 'TLSv1.2';
  }
  return { minVersion, maxVersion, ciphers: suites.ciphers };
}

function list(node: ComponentNode, attr: string): string[] | undefined {
  const names = node
    .literal(attr)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names && names.length > 0 && !(names.length === 1 && names[0]!.toLowerCase() === 'default') ? names : undefined;
}

function enabledVersions(node: ComponentNode): { minVersion?: SecureVersion; maxVersion?: SecureVersion } | undefined {
  const names = list(node, 'enabledProtocols');
  if (!names) return {};
  const at = node.element.attrs.get('enabledProtocols')?.valueLoc;
  const picked: number[] = [];
  for (const name of names) {
    const index = VERSIONS.findIndex((v) => v.toLowerCase() === name.toLowerCase());
    // Java's pseudo-protocol announcing SSLv2 compatibility: nothing to enable.
    if (name === 'SSLv2Hello') continue;
    if (index < 0) {
      node.error('unknown-tls-version', `enabledProtocols: "${name}" is not a TLS version Node.js supports`, `use ${VERSIONS.join(', ')}`, at);
      return undefined;
    }
    picked.push(index);
  }
  if (picked.length === 0) return {};
  const low = Math.min(...picked);
  const high = Math.max(...picked);
  const skipped = VERSIONS.slice(low, high + 1).filter((_, i) => !picked.includes(low + i));
  if (skipped.length > 0)
    node.warn('tls-version-range', `enabledProtocols: Node.js enables a range of versions, so ${skipped.join(', ')} is enabled too`, undefined, at);
  if (low < 2)
    node.warn(
      'obsolete-tls-version',
      `enabledProtocols: ${VERSIONS.slice(low, 2).join(' and ')} are obsolete (RFC 8996) and refused by most clients`,
      undefined,
      at,
    );
  return { minVersion: VERSIONS[low], maxVersion: VERSIONS[high] };
}

let known: Set<string> | undefined;

function enabledSuites(node: ComponentNode): { ciphers?: string; tls13: boolean } | undefined {
  const names = list(node, 'enabledCipherSuites');
  if (!names) return { tls13: true };
  known ??= new Set(getCiphers().map((c) => c.toUpperCase()));
  const out: string[] = [];
  for (const name of names) {
    const openssl = CIPHER_SUITES[name.toUpperCase()] ?? (known.has(name.toUpperCase()) ? name.toUpperCase() : undefined);
    if (!openssl) {
      node.error(
        'unknown-cipher-suite',
        `enabledCipherSuites: "${name}" is not a cipher suite Node.js supports`,
        'give IANA names as Java does (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) or OpenSSL names',
        node.element.attrs.get('enabledCipherSuites')?.valueLoc,
      );
      return undefined;
    }
    out.push(openssl);
  }
  return { ciphers: out.join(':'), tls13: out.some((c) => c.startsWith('TLS_')) };
}
