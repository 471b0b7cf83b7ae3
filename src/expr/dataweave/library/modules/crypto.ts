import { createHash, createHmac, getHashes } from 'node:crypto';
import { fail } from '../../values/eval-error.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { md2 } from './md2.js';

/**
 * dw::Crypto on node:crypto. Algorithms are named as Java names them (`SHA-256`, `HmacSHA256`),
 * which is what scripts written for Mule pass.
 */

/** A Java MessageDigest name as OpenSSL names it: `SHA-256` → `sha256`, `SHA-512/224` → `sha512-224`, `SHA3-256` → `sha3-256`. */
function opensslName(javaName: string): string | undefined {
  const n = javaName.trim().toLowerCase();
  const name = n.startsWith('sha3-') ? n : n.replace(/^sha-?(\d+)(?:\/(\d+))?$/, (_m, a: string, b?: string) => `sha${a}${b ? `-${b}` : ''}`);
  return getHashes().includes(name) ? name : undefined;
}

function digest(content: Uint8Array, algorithm: string): Uint8Array {
  if (algorithm.trim().toUpperCase() === 'MD2') return md2(content);
  const name = opensslName(algorithm);
  if (!name) fail(`${algorithm} MessageDigest not available`);
  return new Uint8Array(createHash(name).update(content).digest());
}

function hmac(secret: Uint8Array, content: Uint8Array, algorithm: string): Uint8Array {
  const m = /^hmac(.+)$/i.exec(algorithm.trim());
  const name = m ? opensslName(m[1]!) : undefined;
  if (!name) fail(`Algorithm ${algorithm} not available`);
  return new Uint8Array(createHmac(name, secret).update(content).digest());
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** DataWeave coerces a String argument to Binary (UTF-8) where a Binary is declared. */
const bin = (v: Uint8Array | string): Uint8Array => (typeof v === 'string' ? new TextEncoder().encode(v) : v);

export const CRYPTO: FunctionTable = {
  hashWith: defineFunction('hashWith', [overload('Binary | String, String?', (c: Uint8Array | string, alg?: string) => digest(bin(c), alg ?? 'SHA-1'))]),
  MD5: defineFunction('MD5', [overload('Binary | String', (c: Uint8Array | string) => hex(digest(bin(c), 'MD5')))]),
  SHA1: defineFunction('SHA1', [overload('Binary | String', (c: Uint8Array | string) => hex(digest(bin(c), 'SHA-1')))]),
  HMACBinary: defineFunction('HMACBinary', [
    overload('Binary | String, Binary | String, String?', (s: Uint8Array | string, c: Uint8Array | string, alg?: string) =>
      hmac(bin(s), bin(c), alg ?? 'HmacSHA1'),
    ),
  ]),
  HMACWith: defineFunction('HMACWith', [
    overload('Binary | String, Binary | String, String?', (s: Uint8Array | string, c: Uint8Array | string, alg?: string) =>
      hex(hmac(bin(s), bin(c), alg ?? 'HmacSHA1')),
    ),
  ]),
};
