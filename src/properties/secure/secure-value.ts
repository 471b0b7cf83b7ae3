import type { MuleCipher } from './mule-cipher.js';
import { SecureCipherError } from './mule-cipher.js';

// Java's Base64.getDecoder(): the standard alphabet, padding optional, nothing else (no spaces).
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/**
 * The base64 between `![` and `]` of a secure file's value, or undefined for a plain value (which
 * Mule's module returns as written).
 *
 * @example encryptedPart('![nHWo5JhN…]') // 'nHWo5JhN…'
 */
export function encryptedPart(value: string): string | undefined {
  return value.startsWith('![') && value.endsWith(']') ? value.slice(2, -1) : undefined;
}

/** What the Secure Properties Tool prints for `string encrypt`: the base64 of the UTF-8 value encrypted. */
export function encryptString(cipher: MuleCipher, value: string): string {
  return cipher.encrypt(Buffer.from(value, 'utf8')).toString('base64');
}

/** The value base64 `encoded` holds; a {@link SecureCipherError} when it is no base64 or does not decrypt. */
export function decryptString(cipher: MuleCipher, encoded: string): string {
  return decryptBytes(cipher, encoded).toString('utf8');
}

export function decryptBytes(cipher: MuleCipher, encoded: string): Buffer {
  if (!BASE64.test(encoded)) throw new SecureCipherError('bad-ciphertext', 'the value is not base64');
  return cipher.decrypt(Buffer.from(encoded, 'base64'));
}
